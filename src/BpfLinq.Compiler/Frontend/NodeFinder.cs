using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Whether any node of a tree matches: a walk that allocates nothing and stops at the first match.
/// Where the tree is deeper than the thread's stack allows, it answers "found", the conservative
/// answer for each of its users (keep guard facts, assume effects, relabel, interpret).
/// </summary>
internal sealed class NodeFinder : ExpressionVisitor
{
    private readonly Func<Expression, bool> _match;
    private bool _found;

    private NodeFinder(Func<Expression, bool> match) => _match = match;

    /// <summary>True when some node of <paramref name="root"/> matches (or the tree is too deep to look through).</summary>
    public static bool Any(Expression root, Func<Expression, bool> match)
    {
        var finder = new NodeFinder(match);
        finder.Visit(root);
        return finder._found;
    }

    /// <inheritdoc/>
    public override Expression? Visit(Expression? node)
    {
        if (_found || node is null)
        {
            return node;
        }
        // A dynamic or extension node is not looked into (the base visitor would reduce it).
        if (_match(node) || node.NodeType is ExpressionType.Dynamic or ExpressionType.Extension || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _found = true;
            return node;
        }
        return base.Visit(node);
    }
}
