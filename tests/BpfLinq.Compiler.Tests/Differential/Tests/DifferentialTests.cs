using System.Diagnostics;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.StandIn;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The differential property against a compiler: generated programs on generated inputs, the kernel
/// against the CLR on the test-run model. CI runs 2,000 programs × 8 inputs
/// (<c>BPFLINQ_DIFF_PROGRAMS</c> and <c>BPFLINQ_DIFF_SEED</c> change that, see the README).
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int CiPrograms = 2000;

    [KernelFact]
    public void The_stand_in_compiler_agrees_with_the_CLR()
    {
        var run = DifferentialRun.FromEnvironment(CiPrograms);
        var clock = Stopwatch.StartNew();

        var statistics = DifferentialProperty.Check(StackCompiler.UnderTest, run);

        output.WriteLine($"{run.Programs} programs, seed {run.Seed}, {clock.Elapsed.TotalSeconds:F1} s: {statistics}");
        statistics[CaseVerdict.Agreed].ShouldBeGreaterThan(run.Programs / 2);
    }
}
