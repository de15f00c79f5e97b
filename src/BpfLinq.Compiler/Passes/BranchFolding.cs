using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Turns a two-way branch whose outcome does not matter into a jump: a <c>condbr</c> on a
/// constant goes to the taken side, and a <c>condbr</c> with both targets equal goes there. The
/// dropped edge's phi operands are removed (for equal targets the later duplicate goes, the one
/// the interpreter never reads). Blocks left unreachable are removed at once (their phi operands
/// into live blocks would no longer be dominated). Requires nothing; invalidates CFG analyses.
/// <code>
/// condbr true, b1, b2      =>   br b1          (b2's phis lose their b0 operand)
/// condbr v3, b4, b4        =>   br b4
/// </code>
/// </summary>
internal sealed class BranchFolding : IPass
{
    /// <inheritdoc/>
    public string Name => "fold-branches";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        var tested = new List<Instr>();
        foreach (var block in f.Blocks)
        {
            if (block.Terminator is not { Op: Op.CondBr } br)
            {
                continue;
            }
            var (ifTrue, ifFalse) = (br.Targets[0], br.Targets[1]);
            if (FoldSameTargets(block, tested))
            {
                c.NoteChange();
            }
            else if (br.Operands[0].MatchConst(out var taken))
            {
                var (kept, dropped) = taken != 0 ? (ifTrue, ifFalse) : (ifFalse, ifTrue);
                dropped.RemoveIncoming(block);
                block.JumpTo(kept);
                c.NoteChange();
            }
        }
        RemoveUnread(f, tested);
        c.NoteChange(UnreachableCode.Remove(f));
    }

    /// <summary>Applies <see cref="FoldSameTargets(Block, List{Instr})"/> to every block; returns how many it folded.</summary>
    public static int FoldAllSameTargets(Function f)
    {
        var tested = new List<Instr>();
        var folded = f.Blocks.Count(b => FoldSameTargets(b, tested));
        RemoveUnread(f, tested);
        return folded;
    }

    /// <summary>
    /// Turns <c>condbr v, bX, bX</c> at the end of <paramref name="block"/> into <c>br bX</c>; false
    /// when it is not one. The compare it tested is added to <paramref name="tested"/>, for
    /// <see cref="RemoveUnread"/> to remove when no other branch reads it, so the block may become
    /// an empty forwarder at once.
    /// </summary>
    private static bool FoldSameTargets(Block block, List<Instr> tested)
    {
        if (block.Terminator is not { Op: Op.CondBr } br || br.Targets[0] != br.Targets[1])
        {
            return false;
        }
        br.Targets[0].RemoveIncoming(block);
        block.JumpTo(br.Targets[0]);
        if (br.Operands[0] is Instr { Op: Op.Cmp, Block: not null } cmp)
        {
            tested.Add(cmp);
        }
        return true;
    }

    // Removes the compares of folded branches that no terminator reads any more: one scan for all of
    // them, not one of the whole function per folded branch. A bool is only read by branches, so the
    // terminators are all the uses there can be.
    private static void RemoveUnread(Function f, List<Instr> tested)
    {
        if (tested.Count == 0)
        {
            return;
        }
        var read = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        foreach (var b in f.Blocks)
        {
            if (b.Terminator is { } t)
            {
                read.UnionWith(t.Operands);
            }
        }
        foreach (var cmp in tested)
        {
            if (cmp.Block is { } home && !read.Contains(cmp))
            {
                home.Remove(cmp);
            }
        }
    }
}
