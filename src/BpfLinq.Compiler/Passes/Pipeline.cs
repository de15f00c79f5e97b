using System.Text;
using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// The ordered list of passes between the front end and the backend (ILSpy's transform list, Go's
/// pass table). <see cref="Default"/> is the one the compiler uses; its order is checked against
/// <see cref="PassOrder"/> by a test, and <see cref="ToString"/> prints it.
/// <para>
/// Running a pass (<see cref="RunPass"/>): the pass runs; then, when asked, the IR verifier checks
/// the result (an <see cref="InternalCompilerError"/> names the pass) and the function
/// is dumped to the trace as <c>&gt; after NAME:</c>, without changing it (printing is side-effect free), so dumping
/// never changes what the compiler produces. Blocks leave the pipeline in reverse post-order.
/// </para>
/// </summary>
internal sealed class Pipeline
{
    /// <summary>Creates a pipeline of <paramref name="passes"/>.</summary>
    public Pipeline(IReadOnlyList<IPass> passes) => Passes = passes;

    /// <summary>The compiler's pipeline.</summary>
    public static Pipeline Default { get; } = new(
    [
        // First: later passes then see one exit, and none of them creates another.
        new ExitUnification(),
        // The front end leaves empty join blocks and blocks after returns; drop them before the
        // costlier passes walk them.
        new CfgSimplification("early simplify cfg"),
        // The packet expansion finishes the loop: it wants equal reads made one and tests in
        // branch form, and leaves checks and loads for another round of cleanup.
        Optimize("optimize", new PacketExpansion()),
    ]);

    private static FixedPointLoop Optimize(string name, IPass finisher) => new(name, maxRounds: 8,
    [
        // Phis that merge one value hide constants from folding.
        new CopyPropagation(),
        new ConstantFolding(),
        new AlgebraicSimplification(),
        // After algebra: sext of a non-negative value is already zext there; what is left costs.
        new ReturnNarrowing(),
        // After algebra: constants on the right and canonical forms make equal expressions identical.
        new CommonSubexpressions(),
        // After CSE, so a load read twice in the body moves once.
        new LoopInvariantLoads(),
        // After folding: constant compares are now constant branch conditions.
        new BranchFolding(),
        // After branch folding, so only branches that still decide something are threaded.
        new JumpThreading(),
        new DeadCodeElimination(),
        // Last in the round: collects what branch folding, threading and DCE left behind
        // (unreachable blocks, forwarding blocks, trivial phis) for the next round.
        new CfgSimplification(),
    ], finisher);

    /// <summary>The top-level passes, in order.</summary>
    public IReadOnlyList<IPass> Passes { get; }

    /// <summary>Every pass in the order one run meets it first, with loops flattened to one round.</summary>
    public IEnumerable<IPass> Flatten() => Flatten(Passes);

    private static IEnumerable<IPass> Flatten(IEnumerable<IPass> passes) =>
        passes.SelectMany(p => p is FixedPointLoop loop ? Flatten(loop.AllPasses).Prepend(p) : [p]);

    /// <summary>Runs every pass on <paramref name="f"/>.</summary>
    public void Run(Function f, PassContext context)
    {
        if (context.VerifyIrAfterEachPass)
        {
            IrVerifier.VerifyOrThrow(f, "the pipeline's input");
        }
        foreach (var pass in Passes)
        {
            RunPass(pass, f, context);
        }
        f.ReorderBlocks(DepthFirstOrder.ReversePostOrderThenRest(f));
    }

    /// <summary>Runs one pass with the checks and dumps <paramref name="context"/> asks for.</summary>
    public static void RunPass(IPass pass, Function f, PassContext context)
    {
        pass.Run(f, context);
        if (context.VerifyIrAfterEachPass)
        {
            IrVerifier.VerifyOrThrow(f, pass.Name);
        }
        if (context.ShouldDump(pass.Name))
        {
            // Printing leaves the function as it is, so dumping never changes what later passes do.
            context.Trace!($"> after {pass.Name}:\n{IrPrinter.Print(f)}");
        }
    }

    /// <summary>The pipeline, one pass per line, the passes of a loop indented under it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        void Write(IEnumerable<IPass> passes, int depth)
        {
            foreach (var p in passes)
            {
                sb.Append(' ', depth * 2).Append(p.Name);
                if (p is FixedPointLoop loop)
                {
                    sb.Append(" (until stable, at most ").Append(loop.MaxRounds).Append(" rounds)\n");
                    Write(loop.Passes, depth + 1);
                    if (loop.Finisher is { } finisher)
                    {
                        sb.Append(' ', (depth + 1) * 2).Append(finisher.Name).Append(" (once stable, then the rounds again)\n");
                    }
                }
                else
                {
                    sb.Append('\n');
                }
            }
        }
        Write(Passes, 0);
        return sb.ToString();
    }
}
