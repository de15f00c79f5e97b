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
    private readonly Func<PassContext, bool>? _when;

    /// <summary>Creates the loop; with <paramref name="when"/>, it runs only when that says so (a loop that cleans up after a pass that may have done nothing).</summary>
    public FixedPointLoop(string name, int maxRounds, IReadOnlyList<IPass> passes, Func<PassContext, bool>? when = null)
    {
        _when = when;
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

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        if (_when is not null && !_when(c))
        {
            return;
        }
        var start = c.Changes;
        for (var round = 1; round <= MaxRounds; round++)
        {
            var before = c.Changes;
            foreach (var pass in Passes)
            {
                var changes = c.Changes;
                Pipeline.RunPass(pass, f, c);
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
