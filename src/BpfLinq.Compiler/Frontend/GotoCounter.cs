using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend;

/// <summary>Counts the gotos (break, continue, return, goto) to each label in a subtree.</summary>
internal sealed class GotoCounter : ExpressionVisitor
{
    private readonly Dictionary<LabelTarget, int> _counts = [];

    private GotoCounter()
    {
    }

    /// <summary>The number of gotos to each label in <paramref name="node"/>.</summary>
    public static Dictionary<LabelTarget, int> Count(Expression node)
    {
        var counter = new GotoCounter();
        counter.Visit(node);
        return counter._counts;
    }

    /// <inheritdoc/>
    protected override Expression VisitGoto(GotoExpression node)
    {
        _counts[node.Target] = _counts.GetValueOrDefault(node.Target) + 1;
        return base.VisitGoto(node);
    }
}
