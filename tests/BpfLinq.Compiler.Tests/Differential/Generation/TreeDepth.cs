using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// The operator depth of a tree, the measure "depth up to 8" is held to: leaves (constants,
/// parameters, captured variables, context field reads, named verdicts, labels and gotos) are 1;
/// conversions, quotes, lambdas, invocations, blocks, loops and plain assignments only hold their
/// children and add nothing; every other node adds 1 to its deepest child.
/// </summary>
internal static class TreeDepth
{
    /// <summary>The operator depth of <paramref name="e"/>.</summary>
    public static int Of(Expression? e) => e switch
    {
        null => 0,
        ConstantExpression or ParameterExpression or DefaultExpression or LabelExpression or GotoExpression => 1,
        MemberExpression { Expression: null or ParameterExpression } => 1,
        MemberExpression m when Captured(m) => 1,
        BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: MemberExpression { Expression: ParameterExpression }, Right: ConstantExpression } => 1,
        BinaryExpression b when Captured(b) => 1,
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.Quote } u => Of(u.Operand),
        LambdaExpression l => Of(l.Body),
        InvocationExpression i => Max([i.Expression, .. i.Arguments]),
        BlockExpression block => Max(block.Expressions),
        LoopExpression loop => Of(loop.Body),
        BinaryExpression { NodeType: ExpressionType.Assign } a => Of(a.Right),
        BinaryExpression b => 1 + Math.Max(Of(b.Left), Of(b.Right)),
        UnaryExpression u => 1 + Of(u.Operand),
        ConditionalExpression c => 1 + Max([c.Test, c.IfTrue, c.IfFalse]),
        SwitchExpression s => 1 + Max([s.SwitchValue, s.DefaultBody, .. s.Cases.Select(c => c.Body)]),
        MethodCallExpression call => 1 + Max([call.Object, .. call.Arguments]),
        TypeBinaryExpression t => 1 + Of(t.Expression),
        NewExpression n => 1 + Max(n.Arguments),
        NewArrayExpression a => 1 + Max(a.Expressions),
        _ => throw new ArgumentException($"no depth rule for {e.NodeType}", nameof(e)),
    };

    private static int Max(IEnumerable<Expression?> children) => children.Select(Of).DefaultIfEmpty(0).Max();

    private static bool Captured(Expression e) => e switch
    {
        ConstantExpression => true,
        MemberExpression { Expression: { } inner } => Captured(inner),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => Captured(b.Left) && Captured(b.Right),
        _ => false,
    };
}
