using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Comparisons: one compare-and-branch at the operands' type, signed or unsigned as the C# type is
/// (char, byte and ushort compare unsigned; bools compare as the 0/1 values they are).
/// </summary>
internal sealed partial class IrLowering
{
    private BranchFacts LowerCompareBranch(BinaryExpression node, Block ifTrue, Block ifFalse)
    {
        if (node.Method is not null)
        {
            throw Error(node, CompileErrors.UnsupportedMethod(node.Method));
        }
        var type = ScalarOf(node.Left);
        var left = LowerValue(node.Left)!;
        var right = LowerValue(node.Right)!;
        var cond = (node.NodeType, type.Signed) switch
        {
            (ExpressionType.Equal, _) => Cond.Eq,
            (ExpressionType.NotEqual, _) => Cond.Ne,
            (ExpressionType.LessThan, true) => Cond.SLt,
            (ExpressionType.LessThan, false) => Cond.ULt,
            (ExpressionType.LessThanOrEqual, true) => Cond.SLe,
            (ExpressionType.LessThanOrEqual, false) => Cond.ULe,
            (ExpressionType.GreaterThan, true) => Cond.SGt,
            (ExpressionType.GreaterThan, false) => Cond.UGt,
            (ExpressionType.GreaterThanOrEqual, true) => Cond.SGe,
            _ => Cond.UGe,
        };
        var cmp = _b.Cmp(cond, left, right);
        _b.CondBr(cmp, ifTrue, ifFalse);
        return new BranchFacts(_facts.FromCompare(cmp, true), _facts.FromCompare(cmp, false));
    }
}
