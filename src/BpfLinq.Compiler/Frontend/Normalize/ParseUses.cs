using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Where a lambda's body reads the variables of its header parses, in evaluation order, and
/// whether the first read of a header comes before every other on every path: then the header's
/// parse can run right there, after the tests before it (<c>eth.Type == IPv4 &amp;&amp; ip.Protocol == 6</c>
/// parses IPv4 only for IPv4 frames). A read is "first on every path" when, at its lowest common
/// ancestor with each later read, it sits in the part always evaluated first (a conditional's test,
/// the left of <c>&amp;&amp;</c>, <c>||</c>, <c>??</c>), and nothing between that ancestor and it is conditional.
/// Bodies with jumps or loops keep their parses first.
/// </summary>
internal sealed class ParseUses : ExpressionVisitor
{
    private readonly HashSet<ParameterExpression> _tracked;
    private readonly List<Expression> _ancestors = [];
    private readonly List<(ParameterExpression Variable, Expression[] Path)> _uses = [];
    private bool _jumps;

    private ParseUses(IEnumerable<ParameterExpression> tracked) => _tracked = [.. tracked];

    /// <summary>The reads of <paramref name="tracked"/> in <paramref name="body"/>, or null when the body jumps or loops.</summary>
    public static ParseUses? Of(Expression body, IEnumerable<ParameterExpression> tracked)
    {
        var uses = new ParseUses(tracked);
        uses.Visit(body);
        return uses._jumps ? null : uses;
    }

    /// <summary>The ordinal (among all tracked reads) of the first read of <paramref name="variables"/>, when it comes first on every path; else null.</summary>
    public int? FirstDominating(HashSet<ParameterExpression> variables)
    {
        var first = _uses.FindIndex(u => variables.Contains(u.Variable));
        if (first < 0)
        {
            return null;
        }
        var path = _uses[first].Path;
        for (var k = first + 1; k < _uses.Count; k++)
        {
            if (!variables.Contains(_uses[k].Variable))
            {
                continue;
            }
            var other = _uses[k].Path;
            var common = 0;
            while (common < path.Length && common < other.Length && ReferenceEquals(path[common], other[common]))
            {
                common++;
            }
            // path[common - 1] is the lowest common ancestor: from it down, the first read must be
            // where evaluation always goes first.
            for (var d = common - 1; d < path.Length - 1; d++)
            {
                if (d >= 0 && !AlwaysFirst(path[d], path[d + 1]))
                {
                    return null;
                }
            }
        }
        return first;
    }

    /// <summary><paramref name="body"/> with each statement of <paramref name="placed"/> run just before the tracked read of that ordinal.</summary>
    public static Expression Insert(Expression body, List<ParameterExpression> tracked, Dictionary<int, Expression> placed) =>
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
        if (node is ParameterExpression p && _tracked.Contains(p))
        {
            _uses.Add((p, [.. _ancestors]));
        }
        var result = base.Visit(node);
        _ancestors.RemoveAt(_ancestors.Count - 1);
        return result;
    }

    // Whether `child` of `parent` is evaluated whenever `parent` is, before its other children.
    private static bool AlwaysFirst(Expression parent, Expression child) => parent switch
    {
        ConditionalExpression c => ReferenceEquals(c.Test, child),
        BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Coalesce } b => ReferenceEquals(b.Left, child),
        _ => true,
    };

    // Replaces the n-th tracked read by { statement; read }, in the same order the reads were found.
    private sealed class Inserter(List<ParameterExpression> tracked, Dictionary<int, Expression> placed) : ExpressionVisitor
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
