using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Runs a list of passes in rounds until a whole round changes nothing, or at most
/// <see cref="MaxRounds"/> rounds. Each pass of a round is run, checked and dumped exactly as a
/// top-level pass (<see cref="Pipeline.RunPass"/>). Cleanups enable each other (a folded branch
/// leaves a block to merge, the merge puts a constant next to a compare), so one round is rarely
/// enough; the bound keeps compile time predictable when a rewrite would ping-pong.
/// </summary>
internal sealed class FixedPointLoop : IPass
{
    /// <summary>
    /// Creates the loop. A <paramref name="finisher"/> runs once the rounds are stable (a lowering
    /// that wants optimised input, such as the packet expansion); when it changes the function, the
    /// rounds start again to clean up after it.
    /// </summary>
    public FixedPointLoop(string name, int maxRounds, IReadOnlyList<IPass> passes, IPass? finisher = null)
    {
        Finisher = finisher;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, 1);
        Name = name;
        MaxRounds = maxRounds;
        Passes = passes;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The most rounds run.</summary>
    public int MaxRounds { get; }

    /// <summary>The passes of one round, in order.</summary>
    public IReadOnlyList<IPass> Passes { get; }

    /// <summary>The pass run once the rounds are stable, or null.</summary>
    public IPass? Finisher { get; }

    /// <summary>The round's passes, then the finisher.</summary>
    public IEnumerable<IPass> AllPasses => Finisher is null ? Passes : Passes.Append(Finisher);

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        RunRounds(f, c);
        if (Finisher is not null)
        {
            var before = c.Changes;
            Pipeline.RunPass(Finisher, f, c);
            if (c.Changes != before)
            {
                RunRounds(f, c);
            }
        }
    }

    // A pass whose last run changed nothing, with nothing changed since, would change nothing again
    // (passes are deterministic): it is skipped. The rounds then do what they always did, and the
    // last round, which only confirms the fixed point, runs no pass twice on the same function.
    private void RunRounds(Function f, PassContext c)
    {
        var start = c.Changes;
        var quietAt = new int[Passes.Count];
        Array.Fill(quietAt, -1);
        for (var round = 1; round <= MaxRounds; round++)
        {
            var before = c.Changes;
            for (var p = 0; p < Passes.Count; p++)
            {
                var pass = Passes[p];
                var changes = c.Changes;
                if (quietAt[p] == changes)
                {
                    continue;
                }
                Pipeline.RunPass(pass, f, c);
                quietAt[p] = c.Changes == changes ? changes : -1;
                if (c.TraceRewrites && c.Changes != changes)
                {
                    c.Trace?.Invoke($"{Name}: round {round}: {pass.Name} made {c.Changes - changes} change{(c.Changes - changes == 1 ? "" : "s")}");
                }
            }
            if (c.Changes == before)
            {
                if (c.TraceRewrites)
                {
                    c.Trace?.Invoke($"{Name}: stable after {round} round{(round == 1 ? "" : "s")} ({c.Changes - start} changes)");
                }
                return;
            }
        }
        if (c.TraceRewrites)
        {
            c.Trace?.Invoke($"{Name}: stopped after {MaxRounds} rounds without reaching a fixed point");
        }
    }
}
