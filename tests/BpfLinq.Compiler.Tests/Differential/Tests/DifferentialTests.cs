using System.Diagnostics;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The differential property against each compiler: generated programs on generated inputs, the
/// kernel against the CLR on the test-run model. CI runs 2,000 programs × 8 inputs;
/// <c>BPFLINQ_DIFF_PROGRAMS</c> and <c>BPFLINQ_DIFF_SEED</c> size and replay a run (Differential/README.md).
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int CiPrograms = 2000;

    public static TheoryData<string> Compilers => CompilersUnderTest.Names;

    [KernelTheory]
    [MemberData(nameof(Compilers))]
    public void Generated_programs_compile_to_a_documented_error_or_agree_with_the_CLR(string compilerName)
    {
        var compiler = CompilersUnderTest.Get(compilerName);
        var run = DifferentialRun.FromEnvironment(CiPrograms);
        var clock = Stopwatch.StartNew();

        var statistics = DifferentialProperty.Check(compiler, run);

        output.WriteLine($"{compiler}: {run.Programs} programs × {run.InputsPerProgram} inputs, seed {run.Seed}, {clock.Elapsed.TotalSeconds:F1} s: {statistics}");
        // Not vacuous: most programs without unsupported nodes compiled and ran.
        statistics.SupportedCompiled.ShouldBeGreaterThan(statistics.Supported / 2);
        statistics.Runs.ShouldBeGreaterThanOrEqualTo(statistics[CaseVerdict.Agreed] * run.InputsPerProgram);
    }
}
