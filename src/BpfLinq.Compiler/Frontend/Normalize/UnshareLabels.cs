using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Gives every occurrence of a shared subtree that defines labels (a loop, a <c>LabelExpression</c>)
/// its own labels. Expression trees are graphs: a hand-built tree may use one node twice
/// (<c>e != 0 ? e : 0</c>), and the front end lowers each use, but it maps each
/// <see cref="LabelTarget"/> to one block, so a second copy of a loop would jump into the first's
/// blocks. The same happens when a rewrite before this step copies a shared node: two nodes, one
/// set of labels. Each later definition of a label is copied with fresh targets for the labels it
/// defines (gotos to labels outside it keep theirs); nodes without labels stay shared.
/// </summary>
internal sealed class UnshareLabels : ProvenanceVisitor
{
    private static readonly HashSet<LabelTarget> s_none = [];

    private readonly HashSet<Expression> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expression, HashSet<LabelTarget>> _defined = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<LabelTarget> _claimed = [];

    private UnshareLabels(DiagnosticContext context)
        : base(context)
    {
    }

    /// <summary>The lambda with no label defined twice.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        // Most programs define no labels: a walk that allocates nothing says so, where remembering
        // every node seen would cost a set as large as the tree.
        NodeFinder.Any(lambda, n => n is LabelExpression or LoopExpression { BreakLabel: not null } or LoopExpression { ContinueLabel: not null })
            ? (LambdaExpression)new UnshareLabels(context).Visit(lambda)!
            : lambda;

    /// <inheritdoc/>
    public override Expression? Visit(Expression? node)
    {
        if (node is null)
        {
            return base.Visit(node);
        }
        var firstVisit = _seen.Add(node);
        var defined = LabelsDefinedIn(node);
        if (defined.Count == 0)
        {
            return firstVisit ? base.Visit(node) : node;
        }
        // Visiting goes down and left to right, so a label already claimed was defined outside this
        // subtree: by an earlier use of the same node, or by a copy a rewrite made of it (a rewrite
        // of a shared node makes two nodes with the same labels).
        var stolen = defined.Where(_claimed.Contains).ToHashSet();
        return base.Visit(stolen.Count == 0 ? node : new Relabel(Context, stolen).Visit(node));
    }

    /// <inheritdoc/>
    protected override Expression VisitLabel(LabelExpression node)
    {
        _claimed.Add(node.Target);
        return base.VisitLabel(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitLoop(LoopExpression node)
    {
        if (node.BreakLabel is not null)
        {
            _claimed.Add(node.BreakLabel);
        }
        if (node.ContinueLabel is not null)
        {
            _claimed.Add(node.ContinueLabel);
        }
        return base.VisitLoop(node);
    }

    // The labels a subtree defines, remembered per node (a chain above one loop shares its set).
    private HashSet<LabelTarget> LabelsDefinedIn(Expression node)
    {
        if (_defined.TryGetValue(node, out var labels))
        {
            return labels;
        }
        labels = s_none;
        void Add(LabelTarget target)
        {
            if (ReferenceEquals(labels, s_none))
            {
                labels = [];
            }
            labels.Add(target);
        }
        switch (node)
        {
            case LabelExpression label:
                Add(label.Target);
                break;
            case LoopExpression loop:
                if (loop.BreakLabel is not null)
                {
                    Add(loop.BreakLabel);
                }
                if (loop.ContinueLabel is not null)
                {
                    Add(loop.ContinueLabel);
                }
                break;
        }
        foreach (var (_, child) in ExpressionChildren.Of(node))
        {
            var inner = LabelsDefinedIn(child);
            if (inner.Count == 0)
            {
                continue;
            }
            if (ReferenceEquals(labels, s_none))
            {
                labels = inner; // shared until this node adds to it
                continue;
            }
            if (ReferenceEquals(labels, inner) || labels.IsSupersetOf(inner))
            {
                continue;
            }
            labels = [.. labels, .. inner];
        }
        _defined[node] = labels;
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
