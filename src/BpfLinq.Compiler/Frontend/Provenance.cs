using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The <see cref="Origin"/> of every node: filled for the user's tree before normalisation (each
/// node gets its path from the root), then kept up to date by the normalisers, whose replacement
/// nodes inherit the origin of the node they replace. Lowering reads it to stamp instructions and
/// place diagnostics on what the user wrote, not on the rewritten tree. Nodes are keyed by
/// reference; a node shared by two places in a hand-built tree keeps the first path found.
/// </summary>
internal sealed class Provenance
{
    private readonly Dictionary<Expression, Origin> _origins = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records the path of every node of <paramref name="root"/>.</summary>
    public static Provenance Of(LambdaExpression root)
    {
        var provenance = new Provenance();
        provenance.AddTree(root, ExprPath.Root);
        return provenance;
    }

    /// <summary>Records paths for a tree that sits at <paramref name="path"/> (a captured lambda being inlined); known nodes keep theirs.</summary>
    public void AddTree(Expression root, ExprPath path)
    {
        var stack = new Stack<(Expression Node, ExprPath Path)>();
        stack.Push((root, path));
        while (stack.Count > 0)
        {
            var (node, p) = stack.Pop();
            if (!_origins.TryAdd(node, new Origin(p, node)))
            {
                continue;
            }
            foreach (var (segment, child) in ExpressionChildren.Of(node))
            {
                stack.Push((child, segment(p)));
            }
        }
    }

    /// <summary>The origin of a node, or null for a node the normalisers made without one.</summary>
    public Origin? Find(Expression node) => _origins.GetValueOrDefault(node);

    /// <summary>Gives <paramref name="replacement"/> the origin of <paramref name="original"/> unless it has one.</summary>
    public void Inherit(Expression replacement, Expression original)
    {
        if (!_origins.ContainsKey(replacement) && _origins.TryGetValue(original, out var origin))
        {
            _origins[replacement] = origin;
        }
    }

    /// <summary>Sets the origin of a node the normalisers made, unless it has one.</summary>
    public void Set(Expression node, Origin origin) => _origins.TryAdd(node, origin);
}
