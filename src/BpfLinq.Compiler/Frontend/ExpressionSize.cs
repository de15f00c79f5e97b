using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// How many nodes an expression tree has, counted without recursion (a generated tree may be
/// nested deeper than any thread's stack). <c>DeepStack</c> sizes the stack of a walk by it.
/// </summary>
internal static class ExpressionSize
{
    /// <summary>The number of nodes of <paramref name="tree"/>, or <paramref name="limit"/> + 1 once it has more.</summary>
    public static int Count(Expression tree, int limit = int.MaxValue - 1)
    {
        var children = new ChildCollector();
        var pending = new Stack<Expression>();
        pending.Push(tree);
        var count = 0;
        while (pending.Count > 0 && count <= limit)
        {
            count++;
            foreach (var child in children.Of(pending.Pop()))
            {
                pending.Push(child);
            }
        }
        return count;
    }

    // The ExpressionVisitor knows every node's children; visiting a node one level deep and keeping
    // what it would recurse into lists them for any node type, extensions included.
    private sealed class ChildCollector : ExpressionVisitor
    {
        private readonly List<Expression> _children = [];

        public List<Expression> Of(Expression node)
        {
            _children.Clear();
            base.Visit(node); // the node's own Visit... methods call the override below for each child
            return _children;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is not null)
            {
                _children.Add(node);
            }
            return node;
        }
    }
}
