using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend;

/// <summary>The variables a subtree assigns (plain and compound assignments, increments and decrements).</summary>
internal sealed class AssignedVariables : ExpressionVisitor
{
    private readonly HashSet<ParameterExpression> _assigned = [];

    private AssignedVariables()
    {
    }

    /// <summary>Every variable assigned somewhere in <paramref name="node"/>.</summary>
    public static IReadOnlySet<ParameterExpression> In(Expression node)
    {
        var finder = new AssignedVariables();
        finder.Visit(node);
        return finder._assigned;
    }

    /// <inheritdoc/>
    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (IsAssignment(node.NodeType) && node.Left is ParameterExpression p)
        {
            _assigned.Add(p);
        }
        return base.VisitBinary(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (IsIncrement(node.NodeType) && node.Operand is ParameterExpression p)
        {
            _assigned.Add(p);
        }
        return base.VisitUnary(node);
    }

    /// <summary>True for <c>++</c> and <c>--</c>, before or after.</summary>
    public static bool IsIncrement(ExpressionType type) => type is ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
        or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign;

    /// <summary>True for <c>=</c> and every compound assignment.</summary>
    public static bool IsAssignment(ExpressionType type) => type is ExpressionType.Assign
        or ExpressionType.AddAssign or ExpressionType.AddAssignChecked or ExpressionType.SubtractAssign
        or ExpressionType.SubtractAssignChecked or ExpressionType.MultiplyAssign or ExpressionType.MultiplyAssignChecked
        or ExpressionType.DivideAssign or ExpressionType.ModuloAssign or ExpressionType.AndAssign or ExpressionType.OrAssign
        or ExpressionType.ExclusiveOrAssign or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign
        or ExpressionType.PowerAssign;
}
