using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Whether evaluating a subtree can be observed other than through its value: assignments,
/// increments, jumps and loops. (Calls are intrinsics without effects in this version; anything else
/// is rejected by lowering anyway.)
/// </summary>
internal static class SideEffects
{
    /// <summary>True when <paramref name="node"/> can be skipped without a visible difference.</summary>
    public static bool None(Expression node) => !NodeFinder.Any(node, n => n.NodeType is ExpressionType.Goto or ExpressionType.Label
        or ExpressionType.Loop or ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
        or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign || AssignedVariables.IsAssignment(n.NodeType));
}
