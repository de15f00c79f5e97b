namespace BpfLinq.Compiler.Tests.Golden;

/// <summary>The registry of golden cases, one partial file per area.</summary>
internal static partial class GoldenCases
{
    private static readonly Lazy<IReadOnlyList<GoldenCase>> s_all = new(() =>
        [.. Operators(), .. Conversions(), .. Fields(), .. Control(), .. HandBuilt(), .. Kinds(), .. Packets(), .. Composition(), .. Maps()]);

    /// <summary>Every case, in registry order.</summary>
    public static IReadOnlyList<GoldenCase> All => s_all.Value;

    /// <summary>A case by name.</summary>
    public static GoldenCase Find(string name) => All.Single(c => c.Name == name);
}
