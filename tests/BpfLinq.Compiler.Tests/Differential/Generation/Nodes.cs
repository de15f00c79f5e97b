using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>Every node of a tree, in pre-order (shared nodes once per occurrence).</summary>
internal static class Nodes
{
    /// <summary>The nodes of <paramref name="root"/>.</summary>
    public static IReadOnlyList<Expression> All(Expression root)
    {
        var collector = new Collector();
        collector.Visit(root);
        return collector.Found;
    }

    private sealed class Collector : ExpressionVisitor
    {
        public List<Expression> Found { get; } = [];

        public override Expression? Visit(Expression? node)
        {
            if (node is not null)
            {
                Found.Add(node);
            }
            return base.Visit(node);
        }
    }
}
