using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

// The kernel's rule for object names (bpf_obj_name_cpy): at most 15 bytes of [A-Za-z0-9_.].
internal static class MapNames
{
    public const int MaxLength = 15;

    public static string Default(MapType type) => type switch
    {
        MapType.Hash => "hash",
        MapType.Array => "array",
        MapType.PerCpuHash => "percpu_hash",
        MapType.PerCpuArray => "percpu_array",
        MapType.LruHash => "lru_hash",
        MapType.LpmTrie => "lpm_trie",
        MapType.RingBuf => "ringbuf",
        MapType.SockMap => "sockmap",
        MapType.DevMap => "devmap",
        _ => "map",
    };

    public static string Validate(string name)
    {
        if (name.Length > MaxLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
        {
            throw new ArgumentException(
                $"map name '{name}' breaks the kernel's rule: at most {MaxLength} characters of letters, digits, '_' and '.'", nameof(name));
        }
        return name;
    }
}
