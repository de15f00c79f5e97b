using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// How many values a naive left-to-right evaluation of a tree holds at once: a binary operator holds
/// its left operand while it evaluates the right one, a call or invocation holds the arguments already
/// evaluated, and a block holds each variable from its assignment to its last use. A compiler may
/// reorder pure code to need fewer, but this is what the tree asks for as written.
/// </summary>
internal static class LiveValues
{
    /// <summary>The most values held at once while evaluating <paramref name="e"/>.</summary>
    public static int Max(Expression e) => e switch
    {
        LambdaExpression l => Max(l.Body),
        BinaryExpression { NodeType: ExpressionType.Assign } a => Max(a.Right),
        BinaryExpression b => Math.Max(Max(b.Left), 1 + Max(b.Right)),
        UnaryExpression u => Max(u.Operand),
        ConditionalExpression c => Math.Max(Max(c.Test), Math.Max(Max(c.IfTrue), Max(c.IfFalse))),
        BlockExpression block => Block(block),
        MethodCallExpression call => Sequence(call.Arguments),
        InvocationExpression i => Sequence(i.Arguments),
        _ => 1,
    };

    private static int Sequence(IReadOnlyList<Expression> items) => items.Select((item, i) => i + Max(item)).DefaultIfEmpty(0).Max();

    private static int Block(BlockExpression block)
    {
        var statements = block.Expressions;
        var lastUse = block.Variables.ToDictionary(v => v, v => LastIndex(statements, v));
        var firstAssignment = block.Variables.ToDictionary(v => v, v => FirstAssignment(statements, v));
        var most = 0;
        for (var j = 0; j < statements.Count; j++)
        {
            var live = block.Variables.Count(v => firstAssignment[v] < j && lastUse[v] >= j);
            most = Math.Max(most, live + Max(statements[j]));
        }
        return most;
    }

    private static int LastIndex(IReadOnlyList<Expression> statements, ParameterExpression v) =>
        Enumerable.Range(0, statements.Count).LastOrDefault(j => Nodes.All(statements[j]).Contains(v), -1);

    private static int FirstAssignment(IReadOnlyList<Expression> statements, ParameterExpression v) =>
        Enumerable.Range(0, statements.Count).FirstOrDefault(j => statements[j] is BinaryExpression { NodeType: ExpressionType.Assign } a && a.Left == v, int.MaxValue);
}
