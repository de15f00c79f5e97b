using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>Where the conformance data lives, and the cases loaded once per test run.</summary>
internal static class ConformanceSuite
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> s_cases = new(() =>
        ConformanceCase.LoadFolder(Path.Combine(Folder, "tests")));

    /// <summary>
    /// The conformance data, vendored from shared/conformance (bpf_conformance f558566, MIT and
    /// Apache-2.0: LICENSE and per-file headers kept) so a clean clone tests without the shared folder.
    /// </summary>
    public static string Folder =>
        Path.Combine(RepositoryPaths.Root, "tests", "BpfLinq.Compiler.Tests", "Conformance", "Data");

    /// <summary>All positive cases, sorted by name.</summary>
    public static IReadOnlyList<ConformanceCase> Cases => s_cases.Value;

    /// <summary>
    /// A file of <c>negative/</c> (upstream's tests of its own tool: malformed text, malformed slots,
    /// a program the kernel refuses, a wrong expected value), or null when the parser skips it.
    /// </summary>
    public static ConformanceCase? Negative(string name) =>
        ConformanceCase.Parse(name, File.ReadAllText(Path.Combine(Folder, "negative", name + ".data")));

    /// <summary>The names of all <c>negative/</c> files, sorted.</summary>
    public static IReadOnlyList<string> NegativeNames =>
        [.. Directory.GetFiles(Path.Combine(Folder, "negative"), "*.data").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>The case names as theory rows (MemberData), so each case shows in the test list.</summary>
    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    /// <summary>The positive case of that name.</summary>
    public static ConformanceCase Case(string name) => Cases.Single(c => c.Name == name);
}
