using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// Every case through our encoding and the real kernel: 300 return their expected 64-bit r0 and
/// 13 are refused by the verifier for the reasons <see cref="ExpectedRefusals"/> lists.
/// </summary>
public sealed class KernelConformanceTests(ITestOutputHelper output)
{
    [KernelTheory]
    [MemberData(nameof(ConformanceSuite.Names), MemberType = typeof(ConformanceSuite))]
    public void The_case_gives_its_expected_r0_or_the_expected_refusal(string name)
    {
        var @case = ConformanceSuite.Case(name);

        var verdict = Run(@case);

        verdict.Kind.ShouldBe(ExpectedRefusals.ReasonFor(name) is null ? VerdictKind.Passed : VerdictKind.Refused, verdict.ToString());
    }

    [KernelFact]
    public void The_whole_suite_passes_300_and_is_refused_13_on_this_kernel()
    {
        var verdicts = ConformanceSuite.Cases.Select(Run).ToList();

        var refused = verdicts.Where(v => v.Kind == VerdictKind.Refused).ToList();
        output.WriteLine($"{verdicts.Count} cases: {verdicts.Count(v => v.Kind == VerdictKind.Passed)} pass, "
            + $"{refused.Count} refused by the verifier, {verdicts.Count(v => v.Kind == VerdictKind.Failed)} fail");
        foreach (var verdict in refused)
        {
            output.WriteLine($"  refused {verdict.Case}: {verdict.Detail}");
        }
        string.Join("\n", verdicts.Where(v => v.Kind == VerdictKind.Failed)).ShouldBeEmpty();
        verdicts.Count(v => v.Kind == VerdictKind.Passed).ShouldBe(300);
        refused.Count.ShouldBe(13);
        refused.Select(v => v.Case).ShouldBe(ExpectedRefusals.All.Select(r => r.Case), ignoreOrder: true);
    }

    private static ConformanceVerdict Run(ConformanceCase @case) =>
        ConformanceVerdict.Judge(@case, ConformanceHarness.Run(@case.Assemble(), @case.Memory));
}
