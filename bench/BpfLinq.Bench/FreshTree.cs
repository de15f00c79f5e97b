using System.Linq.Expressions;

namespace BpfLinq.Bench;

/// <summary>
/// A copy of an expression tree in which every node is new (parameters, constants and static
/// members too), as the C# compiler builds one each time a lambda's line runs: what the latency
/// command compiles for a filter it cannot write again from source.
/// </summary>
internal sealed class FreshTree : ExpressionVisitor
{
    private readonly Dictionary<ParameterExpression, ParameterExpression> _parameters = [];

    /// <summary>The copy.</summary>
    public static LambdaExpression Copy(LambdaExpression lambda) => (LambdaExpression)new FreshTree().Visit(lambda);

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!_parameters.TryGetValue(node, out var copy))
        {
            copy = Expression.Parameter(node.Type, node.Name);
            _parameters[node] = copy;
        }
        return copy;
    }

    protected override Expression VisitConstant(ConstantExpression node) => Expression.Constant(node.Value, node.Type);

    protected override Expression VisitMember(MemberExpression node) =>
        node.Expression is null ? Expression.MakeMemberAccess(null, node.Member) : base.VisitMember(node);
}
