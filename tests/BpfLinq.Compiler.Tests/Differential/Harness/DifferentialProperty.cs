using BpfLinq.Compiler.Tests.Differential.Generation;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// The differential property as an FsCheck check: <see cref="DifferentialRun.Programs"/> generated
/// programs, each with <see cref="DifferentialRun.InputsPerProgram"/> inputs, decided by
/// <see cref="DifferentialChecker"/>. A failing case is shrunk (<see cref="TreeShrinker"/>) and the
/// check throws <see cref="DifferentialFailureException"/> with the seed to replay, FsCheck's account
/// (original and shrunk case) and the shrunk case's report.
/// </summary>
internal static class DifferentialProperty
{
    /// <summary>Runs the property against <paramref name="compiler"/>; returns what the run did.</summary>
    public static DifferentialStatistics Check(CompilerUnderTest compiler, DifferentialRun run)
    {
        var statistics = new DifferentialStatistics();
        var checker = new DifferentialChecker(compiler, statistics);
        var cases = ProgramGenerator.Programs(run.Settings)
            .Zip(new InputGenerator().Inputs(run.InputsPerProgram), (program, inputs) => new DifferentialCase(program, inputs));
        var arbitrary = Arb.From(cases, Shrink);
        string? lastFailure = null;
        DifferentialCase? lastFailedCase = null;
        var property = Prop.ForAll(arbitrary, testCase =>
        {
            var outcome = checker.Check(testCase);
            switch (outcome.Verdict)
            {
                case CaseVerdict.Invalid:
                    Prop.Discard<bool>();
                    break;
                case CaseVerdict.Failed:
                    lastFailure = outcome.Detail;
                    lastFailedCase = testCase;
                    throw new DifferentialFailureException(outcome.Detail, testCase);
            }
        });
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(run.Programs)
            .WithMaxRejected(run.Programs)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(run.Seed), FSharpOption<int>.None)));
        try
        {
            property.Check(config);
        }
        catch (Exception e) when (e is not DifferentialFailureException)
        {
            throw new DifferentialFailureException(
                $"Differential property failed for {compiler.Name}. Replay with {DifferentialRun.SeedVariable}={run.Seed} {DifferentialRun.ProgramsVariable}={run.Programs}.\n"
                + $"Shrunk case:\n{lastFailure}\nFsCheck:\n{e.Message}",
                lastFailedCase,
                e);
        }
        return statistics;
    }

    private static IEnumerable<DifferentialCase> Shrink(DifferentialCase testCase) =>
        TreeShrinker.Shrink(testCase.Program).Select(program => testCase with { Program = program });
}
