using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;

namespace BpfLinq.Bench.Report;

/// <summary>
/// Loading and test-running the two builds of a row, and timing them: BPF_PROG_TEST_RUN with
/// <see cref="Repeat"/> repetitions (the kernel reports the mean per run), the two programs
/// alternated round by round, the median of <see cref="Rounds"/> rounds per program.
/// </summary>
internal static class KernelRuns
{
    /// <summary>Repetitions per timed test run.</summary>
    public const int Repeat = 100_000;

    /// <summary>Timed rounds per program.</summary>
    public const int Rounds = 5;

    /// <summary>Loads <paramref name="instructions"/> as a program of <paramref name="kind"/> (the verifier runs here).</summary>
    public static BpfProgram Load(ProgramKind kind, Insn[] instructions, string name) =>
        BpfProgram.Load(new ProgramLoadOptions
        {
            Type = kind.ProgramType(),
            ExpectedAttachType = kind.ExpectedAttachType(),
            Instructions = instructions,
            Name = name,
        });

    /// <summary>What <paramref name="program"/> returns on one run of <paramref name="input"/>.</summary>
    public static uint Run(BpfProgram program, TestRunOptions input) => program.TestRun(input with { Repeat = 1 }).ReturnValue;

    /// <summary>
    /// Kernel ns per run of each program on <paramref name="input"/>, alternated (ours, clang, ours, ...)
    /// so that both see the same machine; <paramref name="ours"/> may be missing (it did not build).
    /// </summary>
    public static (double? Ours, double Clang) Time(BpfProgram? ours, BpfProgram clang, TestRunOptions input)
    {
        var timed = input with { Repeat = Repeat };
        var a = new List<double>();
        var b = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            if (ours is not null)
            {
                a.Add(ours.TestRun(timed).DurationNanoseconds);
            }
            b.Add(clang.TestRun(timed).DurationNanoseconds);
        }
        return (ours is null ? null : Median(a), Median(b));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
