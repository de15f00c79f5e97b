using BpfLinq.Maps;

namespace BpfLinq.Runtime;

/// <summary>How a pinned map differs from the definition that would use it: every way, for one message.</summary>
internal static class PinnedMapMismatch
{
    /// <summary>"holds 8 entries where the definition declares 1024; ..." or null when the shapes agree.</summary>
    internal static string? Describe(BpfMap map, MapDefinition definition)
    {
        var differences = new List<string>();
        if (map.Type != definition.Type)
        {
            differences.Add($"is a {map.Type} map where the definition declares {definition.Type}");
        }
        if (map.KeySize != definition.KeySize)
        {
            differences.Add($"has {map.KeySize}-byte keys where the definition declares {definition.KeySize}");
        }
        if (map.ValueSize != definition.ValueSize)
        {
            differences.Add($"has {map.ValueSize}-byte values where the definition declares {definition.ValueSize}");
        }
        if (map.MaxEntries != definition.MaxEntries)
        {
            differences.Add($"holds {map.MaxEntries} entries where the definition declares {definition.MaxEntries}");
        }
        if (map.Flags != (MapFlags)definition.Flags)
        {
            differences.Add($"has flags {map.Flags} where the definition declares {(MapFlags)definition.Flags}");
        }
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }
}
