using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend;

/// <summary>Whether a tree divides anywhere (<c>/</c>, <c>%</c> and their assignments): the only question guard facts answer.</summary>
internal sealed class DivisionScan : ExpressionVisitor
{
    private bool _found;

    private DivisionScan()
    {
    }

    /// <summary>True when <paramref name="root"/> has a division or remainder.</summary>
    public static bool Divides(Expression root)
    {
        var scan = new DivisionScan();
        scan.Visit(root);
        return scan._found;
    }

    /// <inheritdoc/>
    public override Expression? Visit(Expression? node)
    {
        if (_found || node is null)
        {
            return node;
        }
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _found = true; // too deep to look further on this stack: keep facts, which is always right
            return node;
        }
        if (node.NodeType is ExpressionType.Divide or ExpressionType.Modulo or ExpressionType.DivideAssign or ExpressionType.ModuloAssign
            or ExpressionType.Extension or ExpressionType.Dynamic)
        {
            _found = true; // what an extension or dynamic node holds is not looked into: keep facts
            return node;
        }
        return base.Visit(node);
    }
}
