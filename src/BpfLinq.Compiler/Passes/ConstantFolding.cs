using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Replaces every scalar operation and compare whose operands are all constants by its result,
/// computed by <see cref="IrArithmetic"/> (the one definition of IR semantics, shared with the
/// interpreter, so folding cannot disagree with execution). One walk in reverse post-order sees
/// definitions before uses, so chains fold completely. Compares fold to the bool constants that
/// <see cref="BranchFolding"/> turns into jumps; phis are left to <see cref="CopyPropagation"/>.
/// Requires nothing; preserves the CFG.
/// <code>
/// v1 = shl.i32 1, 4        =>   (v1 and v2 gone)
/// v2 = cmp.ult.i32 v1, 20       condbr true, b1, b2
/// condbr v2, b1, b2
/// </code>
/// </summary>
internal sealed class ConstantFolding : IPass
{
    /// <inheritdoc/>
    public string Name => "fold-constants";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        // Each instruction's operands are rewritten when the walk reaches it, after their
        // definitions; one last scan catches the uses it reached first (phis) or never reaches.
        var replaced = new ValueReplacements();
        foreach (var block in DepthFirstOrder.ReversePostOrder(f))
        {
            foreach (var i in block.Instrs.ToList())
            {
                replaced.Apply(i);
                if (Fold(f, i) is { } result)
                {
                    replaced.Add(i, result);
                    block.Remove(i);
                    c.NoteChange();
                }
            }
        }
        replaced.ApplyToAll(f);
    }

    /// <summary>The constant <paramref name="i"/> computes, or null when it is not a foldable operation of constants.</summary>
    public static Constant? Fold(Function f, Instr i) =>
        Evaluate(i, v => v is Constant k ? k.Bits : null) is { } bits ? f.Const(i.Type, bits) : null;

    /// <summary>
    /// What a scalar op or compare computes (1 or 0 for a compare) when <paramref name="valueOf"/>
    /// knows every operand; null when it does not, or for ops with effects, memory or phis.
    /// </summary>
    public static long? Evaluate(Instr i, Func<Value, long?> valueOf)
    {
        var foldable = OpInfo.IsBinaryArithmetic(i.Op) || i.Op is Op.Cmp or Op.Neg or Op.Not or Op.ZExt or Op.SExt or Op.Trunc or Op.SExtIn or Op.ByteSwap;
        if (!foldable || valueOf(i.Operands[0]) is not { } a)
        {
            return null;
        }
        if (i.Operands.Count == 1)
        {
            return IrArithmetic.Unary(i.Op, i.Type, a, i.Imm);
        }
        if (valueOf(i.Operands[1]) is not { } b)
        {
            return null;
        }
        return i.Op == Op.Cmp
            ? (IrArithmetic.Compare(i.Cond, i.Operands[0].Type, a, b) ? 1 : 0)
            : IrArithmetic.Binary(i.Op, i.Type, a, b);
    }
}
