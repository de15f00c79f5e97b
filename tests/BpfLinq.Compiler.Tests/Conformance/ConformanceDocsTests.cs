using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>docs/TESTING.md's conformance figures are the suite's, so the page cannot drift from the data.</summary>
public sealed class ConformanceDocsTests
{
    [Fact]
    public void The_testing_page_states_the_suites_case_and_refusal_counts()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "TESTING.md")).ReplaceLineEndings("\n").Replace("\n  ", " ", StringComparison.Ordinal);
        var cases = ConformanceSuite.Cases.Count;
        var refused = ExpectedRefusals.All.Count;

        page.ShouldContain($"{cases} cases from bpf_conformance", customMessage: "docs/TESTING.md names another number of conformance cases");
        page.ShouldContain($"**{cases - refused} pass and {refused} are refused by the verifier**", customMessage: "docs/TESTING.md names other pass/refusal counts than ExpectedRefusals");
    }
}
