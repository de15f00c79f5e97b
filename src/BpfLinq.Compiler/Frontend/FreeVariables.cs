using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The variables a nested lambda reads from the lambdas around it: parameters and block variables
/// it uses but neither declares nor receives, in order of first use. Closure conversion gives each
/// a slot of the frame the callback receives.
/// </summary>
internal sealed class FreeVariables : ExpressionVisitor
{
    private readonly HashSet<ParameterExpression> _bound = [];
    private readonly List<ParameterExpression> _free = [];

    private FreeVariables(LambdaExpression lambda) => _bound.UnionWith(lambda.Parameters);

    /// <summary>The free variables of <paramref name="lambda"/>.</summary>
    public static IReadOnlyList<ParameterExpression> Of(LambdaExpression lambda)
    {
        var visitor = new FreeVariables(lambda);
        visitor.Visit(lambda.Body);
        return visitor._free;
    }

    /// <inheritdoc/>
    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!_bound.Contains(node) && !_free.Contains(node))
        {
            _free.Add(node);
        }
        return node;
    }

    /// <inheritdoc/>
    protected override Expression VisitBlock(BlockExpression node)
    {
        _bound.UnionWith(node.Variables);
        return base.VisitBlock(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _bound.UnionWith(node.Parameters);
        return base.VisitLambda(node);
    }
}
