using System.Globalization;
using BpfLinq.Compiler.Tests.Differential.Generation;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// How many programs a differential run checks, on how many inputs each, from which seed. The
/// environment decides in CI and for long runs: <c>BPFLINQ_DIFF_PROGRAMS</c> (default given by the
/// test) and <c>BPFLINQ_DIFF_SEED</c> (default: a fresh seed, printed on failure so it can be replayed).
/// </summary>
internal sealed record DifferentialRun(int Programs, ulong Seed, int InputsPerProgram = 8)
{
    /// <summary>The name of the variable that sets the number of programs.</summary>
    public const string ProgramsVariable = "BPFLINQ_DIFF_PROGRAMS";

    /// <summary>The name of the variable that sets the seed.</summary>
    public const string SeedVariable = "BPFLINQ_DIFF_SEED";

    /// <summary>How trees are shaped.</summary>
    public GenerationSettings Settings { get; init; } = GenerationSettings.Default;

    /// <summary>A run sized by the environment, <paramref name="defaultPrograms"/> programs when it does not say.</summary>
    public static DifferentialRun FromEnvironment(int defaultPrograms)
    {
        var programs = Environment.GetEnvironmentVariable(ProgramsVariable) is { Length: > 0 } count
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : defaultPrograms;
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? ulong.Parse(text, CultureInfo.InvariantCulture)
            : (ulong)Random.Shared.NextInt64(long.MaxValue);
        return new DifferentialRun(programs, seed);
    }
}
