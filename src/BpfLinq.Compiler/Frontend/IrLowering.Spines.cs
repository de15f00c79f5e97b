using System.Linq.Expressions;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Deep trees lowered without deep recursion. A garbage collection walks every frame of the
/// lowering thread's stack, so a recursion as deep as a 10,000-link chain makes every collection
/// cost as much as the chain is long. Chains of one operator are walked with explicit stacks
/// (<see cref="LowerLogicalChain"/>, <see cref="LowerBinary"/>, <see cref="LowerConditional"/>); what is
/// left is the value that a node computes first, before it emits anything — the left side of a
/// comparison, the left side of a conditional's comparison, the operand of a conversion — nested
/// thousands deep (<c>((x ? a : b) == y ? c : d) == z ? ...</c>). Every <see cref="SpineCheckpoint"/>
/// levels of recursion, the lowering walks down that spine and lowers every
/// <see cref="SpineCheckpoint"/>-th node of it ahead, deepest first; each is then found lowered when
/// the recursion reaches it. Nothing is emitted between a node's start and its first value, so the
/// code is the same; only the numbering of blocks differs.
/// </summary>
internal sealed partial class IrLowering
{
    private const int SpineCheckpoint = 64;

    private readonly Dictionary<Expression, Value> _lowered = new(ReferenceEqualityComparer.Instance);
    private int _valueDepth;

    // The value lowered ahead for this node, consumed by its one use.
    private bool TakeLoweredAhead(Expression node, out Value value)
    {
        value = null!;
        return _lowered.Count > 0 && _lowered.Remove(node, out value!);
    }

    private void LowerSpineAhead(Expression node)
    {
        var checkpoints = new List<Expression>();
        var steps = 0;
        for (var n = FirstValue(node); n is not null && !_lowered.ContainsKey(n); n = FirstValue(n))
        {
            if (++steps % SpineCheckpoint == 0)
            {
                checkpoints.Add(n);
            }
        }
        for (var i = checkpoints.Count - 1; i >= 0; i--)
        {
            _lowered[checkpoints[i]] = LowerValue(checkpoints[i])!;
        }
    }

    // The child whose value a node lowers first, before it emits anything, or null.
    private static Expression? FirstValue(Expression node) => node switch
    {
        BinaryExpression { Method: null } compare when IsComparison(compare) => compare.Left,
        ConditionalExpression { Test: BinaryExpression { Method: null } test } when IsComparison(test) => test.Left,
        UnaryExpression { NodeType: ExpressionType.Convert, Method: null } convert => convert.Operand,
        _ => null,
    };

    private static bool IsComparison(Expression node) => node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual
        or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual;
}
