using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Gives every occurrence of a shared subtree that defines labels (a loop, a <c>LabelExpression</c>)
/// its own labels. Expression trees are graphs: a hand-built tree may use one node twice
/// (<c>e != 0 ? e : 0</c>), and the front end lowers each use, but it maps each
/// <see cref="LabelTarget"/> to one block, so a second copy of a loop would jump into the first's
/// blocks. Each later occurrence is copied with fresh targets for the labels it defines (gotos to
/// labels outside it keep theirs); nodes without labels stay shared.
/// </summary>
internal sealed class UnshareLabels : ProvenanceVisitor
{
    private readonly HashSet<Expression> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expression, bool> _definesLabels = new(ReferenceEqualityComparer.Instance);

    private UnshareLabels(DiagnosticContext context)
        : base(context)
    {
    }

    /// <summary>The lambda with no label-defining subtree used twice.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        // Most programs define no labels: a walk that allocates nothing says so, where remembering
        // every node seen would cost a set as large as the tree.
        NodeFinder.Any(lambda, n => n is LabelExpression or LoopExpression { BreakLabel: not null } or LoopExpression { ContinueLabel: not null })
            ? (LambdaExpression)new UnshareLabels(context).Visit(lambda)!
            : lambda;

    /// <inheritdoc/>
    public override Expression? Visit(Expression? node)
    {
        if (node is null || _seen.Add(node))
        {
            return base.Visit(node);
        }
        return DefinesLabels(node) ? base.Visit(new Relabel(Context, LabelsDefinedIn(node)).Visit(node)) : node;
    }

    private bool DefinesLabels(Expression node)
    {
        if (!_definesLabels.TryGetValue(node, out var defines))
        {
            defines = node is LabelExpression || (node is LoopExpression loop && (loop.BreakLabel ?? loop.ContinueLabel) is not null)
                || ExpressionChildren.Of(node).Any(c => DefinesLabels(c.Child));
            _definesLabels[node] = defines;
        }
        return defines;
    }

    private static HashSet<LabelTarget> LabelsDefinedIn(Expression node)
    {
        var labels = new HashSet<LabelTarget>();
        var pending = new Stack<Expression>([node]);
        var visited = new HashSet<Expression>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var n))
        {
            if (!visited.Add(n))
            {
                continue;
            }
            switch (n)
            {
                case LabelExpression label:
                    labels.Add(label.Target);
                    break;
                case LoopExpression loop:
                    if (loop.BreakLabel is not null)
                    {
                        labels.Add(loop.BreakLabel);
                    }
                    if (loop.ContinueLabel is not null)
                    {
                        labels.Add(loop.ContinueLabel);
                    }
                    break;
            }
            foreach (var (_, child) in ExpressionChildren.Of(n))
            {
                pending.Push(child);
            }
        }
        return labels;
    }

    // Copies a subtree, replacing the targets it defines with fresh ones of the same type and name.
    private sealed class Relabel(DiagnosticContext context, HashSet<LabelTarget> defined) : ProvenanceVisitor(context)
    {
        private readonly Dictionary<LabelTarget, LabelTarget> _fresh = [];

        protected override LabelTarget? VisitLabelTarget(LabelTarget? node)
        {
            if (node is null || !defined.Contains(node))
            {
                return node;
            }
            if (!_fresh.TryGetValue(node, out var fresh))
            {
                fresh = Expression.Label(node.Type, node.Name);
                _fresh[node] = fresh;
            }
            return fresh;
        }
    }
}
