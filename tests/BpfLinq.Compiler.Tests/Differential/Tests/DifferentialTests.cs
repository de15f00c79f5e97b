using System.Diagnostics;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The differential property against BpfLinq's compiler: generated programs on generated inputs, the
/// kernel against the CLR on the test-run model. CI runs 2,000 programs × 8 inputs;
/// <c>BPFLINQ_DIFF_PROGRAMS</c> and <c>BPFLINQ_DIFF_SEED</c> size and replay a run (docs/TESTING.md).
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int CiPrograms = 2000;

    [KernelFact]
    public void Generated_programs_compile_to_a_documented_error_or_agree_with_the_CLR()
    {
        var compiler = BpfLinqCompiler.UnderTest;
        var run = DifferentialRun.FromEnvironment(CiPrograms);
        var clock = Stopwatch.StartNew();

        var statistics = DifferentialProperty.Check(compiler, run);

        output.WriteLine($"{compiler}: {run.Programs} programs × {run.InputsPerProgram} inputs, seed {run.Seed}, {clock.Elapsed.TotalSeconds:F1} s: {statistics}");
        // Not vacuous: nearly every program without unsupported nodes compiled and ran (the rest are
        // documented refusals such as a divisor nothing proves non-zero).
        statistics.SupportedCompiled.ShouldBeGreaterThan(statistics.Supported * 95 / 100);
        statistics.Runs.ShouldBeGreaterThanOrEqualTo(statistics[CaseVerdict.Agreed] * run.InputsPerProgram);
    }

    // The same programs with their bodies in a subprogram: fewer, as each case also runs above.
    [KernelFact]
    public void Generated_programs_agree_with_the_CLR_when_their_body_is_a_subprogram()
    {
        var compiler = SubprogramCompiler.UnderTest;
        var run = DifferentialRun.FromEnvironment(CiPrograms / 4);

        var statistics = DifferentialProperty.Check(compiler, run);

        output.WriteLine($"{compiler}: {run.Programs} programs × {run.InputsPerProgram} inputs, seed {run.Seed}: {statistics}");
        statistics.SupportedCompiled.ShouldBeGreaterThan(statistics.Supported * 95 / 100);
    }
}
