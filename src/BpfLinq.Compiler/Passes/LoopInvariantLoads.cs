using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Hoists context loads that every iteration repeats to the loop's preheader: <c>skb.Mark</c> read
/// in a bounded loop is read once before it. Only context loads move: a context access is checked
/// by the verifier at its fixed offset and never faults, so running it once more (even when the
/// loop body would not have) is always allowed, while a packet or map load depends on the bounds
/// and null checks around it. The context does not change under a loop that has no store through a
/// context pointer and no helper call (helpers may rewrite __sk_buff fields), so those loops are
/// the only ones touched.
/// <para>
/// Algorithm: loops from <see cref="LoopForest"/>, innermost first (a load hoisted out of an inner
/// loop lands in its preheader, which belongs to the outer loop, and may move again). A loop needs
/// a preheader: the one predecessor of the header from outside the loop, ending in a plain
/// <c>br</c> to it (the front end always builds one). A load qualifies when its pointer is defined
/// outside the loop in a block dominating the preheader (a parameter always is), and when no
/// user reads it as the destination of a two-address op (the first operand of <c>add</c>, <c>neg</c>,
/// <c>sext</c>..., looking through the free <c>zext</c>): eBPF computes <c>dst op= src</c> in place,
/// so a hoisted value that is also such a destination must be copied every iteration — a move
/// instead of the load, plus one more instruction, no gain. It moves before the preheader's
/// terminator, keeping its source. Requires one entry per loop (reducible graphs); preserves the CFG.
/// </para>
/// <code>
/// b0: br b1                              b0: v7 = load.i32.u32 v0, 8
/// b1: ...                        =>          br b1
/// b3: v7 = load.i32.u32 v0, 8            b1: ...
///     v8 = add.i32 v6, v7                b3: v8 = add.i32 v6, v7
/// </code>
/// </summary>
internal sealed class LoopInvariantLoads : IPass
{
    /// <inheritdoc/>
    public string Name => "hoist-invariant-loads";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        // Most filters have no cycle: the forest then finds none without computing dominators.
        var forest = LoopForest.Compute(f);
        if (forest.Loops.Count == 0 || !forest.IsReducible || forest.Dominators is not { } dom)
        {
            return;
        }
        var uses = DefUse.Compute(f);
        foreach (var loop in forest.Loops.Reverse())
        {
            if (Preheader(loop) is not { } preheader || !ContextIsStable(loop))
            {
                continue;
            }
            var hoistable = loop.Blocks
                .SelectMany(b => b.Instrs)
                .Where(i => IsContextLoad(i) && IsDefinedBefore(i.Operands[0], preheader, loop, dom) && !IsOverwrittenInPlace(i, uses))
                .ToList();
            foreach (var load in hoistable)
            {
                load.Block!.Remove(load);
                preheader.InsertBefore(preheader.Terminator!, load);
                c.NoteRewrite(Name, $"load of the context at {load.Imm} out of {loop}");
            }
        }
    }

    private static bool IsContextLoad(Instr i) => i.Op == Op.Load && i.Operands[0].Type == IrType.CtxPtr;

    // No store through a context pointer and no helper call anywhere in the loop.
    private static bool ContextIsStable(Loop<Block> loop) =>
        loop.Blocks.SelectMany(b => b.Instrs).All(i => i.Op != Op.Call && !(i.Op == Op.Store && i.Operands[0].Type == IrType.CtxPtr));

    // The header's only predecessor from outside the loop, when it ends in a plain jump to the header.
    private static Block? Preheader(Loop<Block> loop)
    {
        var outside = loop.Header.Preds.Where(p => !loop.Contains(p)).Distinct().ToList();
        return outside is [{ Terminator: { Op: Op.Br } } only] ? only : null;
    }

    // True when some user computes its result in the register of v (v is its first operand).
    private static bool IsOverwrittenInPlace(Value v, DefUse uses) => uses.Uses(v).Any(u => u.User switch
    {
        { Op: Op.ZExt } zext => IsOverwrittenInPlace(zext, uses),
        { Op: Op.Neg or Op.Not or Op.SExt or Op.SExtIn or Op.Trunc or Op.ByteSwap } => true,
        var user => OpInfo.IsBinaryArithmetic(user.Op) && u.Operand == 0,
    });

    private static bool IsDefinedBefore(Value v, Block preheader, Loop<Block> loop, DominatorTree<Block> dom) => v switch
    {
        Param or Constant => true,
        Instr { Block: { } b } => !loop.Contains(b) && dom.Dominates(b, preheader),
        _ => false,
    };
}
