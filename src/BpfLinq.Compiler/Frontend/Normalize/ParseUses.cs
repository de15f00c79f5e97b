using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Where a lambda's body first reads each header's parse variables, and whether that first read
/// comes before every other read of the header on every path: then the header's parse can run right
/// there, after the tests before it (<c>eth.Type == IPv4 &amp;&amp; ip.Protocol == 6</c> parses IPv4 only for
/// IPv4 frames). The first read U dominates a later read V when, at their lowest common ancestor and
/// on the way down from it to U, U sits in the part always evaluated first (a conditional's test, the
/// left of <c>&amp;&amp;</c>, <c>||</c>, <c>??</c>); so every later read must lie inside the occurrence just below the
/// deepest ancestor of U where that fails. One walk, constant work per read. Bodies with jumps or
/// loops keep their parses first.
/// </summary>
internal sealed class ParseUses : ExpressionVisitor
{
    private readonly Dictionary<ParameterExpression, int> _groupOf = [];
    private readonly Group[] _groups;
    private readonly List<Expression> _ancestors = [];
    private readonly List<int> _occurrences = [];
    private int _nextOccurrence;
    private int _reads;
    private bool _jumps;

    private ParseUses(IReadOnlyList<IEnumerable<ParameterExpression>> groups)
    {
        _groups = [.. groups.Select(_ => new Group())];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var variable in groups[g])
            {
                _groupOf[variable] = g;
            }
        }
    }

    /// <summary>
    /// For each group of variables (one header's parse), the ordinal among all the groups' reads of its
    /// first read when that read comes first on every path, else null; all null when the body jumps or loops.
    /// </summary>
    public static int?[] FirstDominating(Expression body, IReadOnlyList<IEnumerable<ParameterExpression>> groups)
    {
        var uses = new ParseUses(groups);
        uses.Visit(body);
        return [.. uses._groups.Select(g => uses._jumps || !g.Dominates ? null : g.First)];
    }

    /// <summary><paramref name="body"/> with each statement of <paramref name="placed"/> run just before the tracked read of that ordinal.</summary>
    public static Expression Insert(Expression body, IEnumerable<ParameterExpression> tracked, Dictionary<int, Expression> placed) =>
        new Inserter(tracked, placed).Visit(body)!;

    /// <inheritdoc/>
    public override Expression? Visit(Expression? node)
    {
        if (node is null)
        {
            return node;
        }
        _jumps |= node is GotoExpression or LabelExpression or LoopExpression or SwitchExpression or TryExpression;
        if (node is LambdaExpression)
        {
            return node; // a nested lambda runs elsewhere (a loop callback): its reads do not count here
        }
        _ancestors.Add(node);
        _occurrences.Add(_nextOccurrence++);
        if (node is ParameterExpression p && _groupOf.TryGetValue(p, out var g))
        {
            Read(_groups[g]);
        }
        var result = base.Visit(node);
        _ancestors.RemoveAt(_ancestors.Count - 1);
        _occurrences.RemoveAt(_occurrences.Count - 1);
        return result;
    }

    private void Read(Group group)
    {
        var ordinal = _reads++;
        if (group.First is null)
        {
            group.First = ordinal;
            // The occurrence every later read must be inside: just below the deepest ancestor where
            // this read is not what is evaluated first.
            var depth = 0;
            for (var d = 0; d < _ancestors.Count - 1; d++)
            {
                if (!AlwaysFirst(_ancestors[d], _ancestors[d + 1]))
                {
                    depth = d + 1;
                }
            }
            (group.Depth, group.Occurrence) = (depth, _occurrences[depth]);
            return;
        }
        group.Dominates &= _occurrences.Count > group.Depth && _occurrences[group.Depth] == group.Occurrence;
    }

    // Whether `child` of `parent` is evaluated whenever `parent` is, before its other children.
    private static bool AlwaysFirst(Expression parent, Expression child) => parent switch
    {
        ConditionalExpression c => ReferenceEquals(c.Test, child),
        BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Coalesce } b => ReferenceEquals(b.Left, child),
        _ => true,
    };

    /// <summary>One header's reads: the first, and the occurrence all later ones must lie in.</summary>
    private sealed class Group
    {
        public int? First { get; set; }

        public int Depth { get; set; }

        public int Occurrence { get; set; }

        public bool Dominates { get; set; } = true;
    }

    // Replaces the n-th tracked read by { statement; read }, in the same order the reads were found.
    private sealed class Inserter(IEnumerable<ParameterExpression> tracked, Dictionary<int, Expression> placed) : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> _tracked = [.. tracked];
        private int _ordinal;

        public override Expression? Visit(Expression? node) => node is LambdaExpression ? node : base.Visit(node);

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (!_tracked.Contains(node))
            {
                return node;
            }
            return placed.TryGetValue(_ordinal++, out var statement) ? Expression.Block(node.Type, statement, node) : node;
        }
    }
}
