using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// A generated program as text for failure reports: the product's C# rendering
/// (<see cref="CSharpRenderer"/>: C# precedence, casts, typed literals, <c>checked(...)</c>, captured
/// variables by name, statement nodes as C#-style blocks, loops, gotos and switches), followed by
/// the values of the captured variables it reads, which the C# text alone does not show:
/// <c>skb =&gt; skb.Len &lt; limit /* limit = 42 */</c>.
/// </summary>
internal static class ExpressionText
{
    /// <summary>The text of a tree.</summary>
    public static string Of(Expression e)
    {
        var captured = new CapturedReads();
        captured.Visit(e);
        var values = captured.Found
            .Select(c => $"{CSharpRenderer.Render(c)} = {CSharpRenderer.Render(Expression.Constant(Evaluate(c), c.Type))}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var text = CSharpRenderer.Render(e);
        return values.Count == 0 ? text : $"{text} /* {string.Join(", ", values)} */";
    }

    private static object? Evaluate(Expression e) => Expression.Lambda(e).Compile(preferInterpretation: true).DynamicInvoke();

    // The outermost reads of captured data: member or element chains over a constant (the closure
    // object) that reach no parameter; captured delegates are calls, not values worth printing.
    private sealed class CapturedReads : ExpressionVisitor
    {
        public List<Expression> Found { get; } = [];

        public override Expression? Visit(Expression? node)
        {
            if (node is not null && IsCaptured(node))
            {
                if (!typeof(Delegate).IsAssignableFrom(node.Type))
                {
                    Found.Add(node);
                }
                return node;
            }
            return base.Visit(node);
        }

        private static bool IsCaptured(Expression e) => e switch
        {
            MemberExpression { Expression: ConstantExpression } => true,
            MemberExpression { Expression: { } inner } => IsCaptured(inner),
            BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => IsCaptured(b.Left) && (b.Right is ConstantExpression || IsCaptured(b.Right)),
            _ => false,
        };
    }
}
