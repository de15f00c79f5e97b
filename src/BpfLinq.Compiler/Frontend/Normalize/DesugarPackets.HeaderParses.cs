using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

// Header parses: the fields the lambda's own body reads are read once, up front, one header at a
// time: `if (header present) { r1 = read1; r2 = read2 } else { r1 = 0; r2 = 0 }`, where r1, r2
// are the raw reads (memory order) the fields are computed from; each use computes its field from
// them (every field of zero bytes is 0 or false), so `port == 80` still compares the raw read with
// a byte-swapped constant. Each header's
// checks then run once and cover its reads (one bounds check per header, as an expert writes it),
// however many times and on however many paths the body uses its fields: a firewall of 10,000
// port tests reads the port once. A transport header's parse sits in its IP header's, where its
// own checks are all that is left to test. The reads are pure (0 beyond the packet), so reading them
// early changes no result. Fields read inside nested lambdas (loop callbacks) keep the guard at
// the read.
internal sealed partial class DesugarPackets
{
    private readonly Dictionary<string, HeaderParse> _parses = [];
    private int _lambdaDepth;

    // The lambda's own body, outside any nested lambda.
    private bool InHeaderParse => _lambdaDepth == 1;

    /// <inheritdoc/>
    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _lambdaDepth++;
        try
        {
            return base.VisitLambda(node);
        }
        finally
        {
            _lambdaDepth--;
        }
    }

    // The field computed from the parse's variables: its raw reads become the variables read up front.
    private Expression ParsedField(View v, MemberExpression node, Expression value) =>
        new RawReadsToVariables(ParseOf(v, node), v.Path).Visit(value)!;

    // Whether the view's header is present: the parse's flag in the body, the guard itself elsewhere.
    private Expression Presence(View v, Expression node)
    {
        if (!InHeaderParse)
        {
            return v.Guard!;
        }
        var parse = ParseOf(v, node);
        return parse.Present ??= Expression.Variable(typeof(bool), $"{v.Path}.IsPresent");
    }

    private HeaderParse ParseOf(View v, Expression node)
    {
        if (!_parses.TryGetValue(v.Path, out var parse))
        {
            var outer = v.Outer is { } ip ? ParseOf(ip, node) : null;
            _parses[v.Path] = parse = new HeaderParse(outer is null ? v.Guard! : v.OwnGuard!, node);
            if (outer is not null)
            {
                outer.Inner.Add(parse);
                // An IP header only there to hold a transport header needs less: the transport's
                // bytes after it prove its declared end (IPv4) or all of it (IPv6).
                outer.ContainerGuard = v.Outer!.Type == typeof(Ipv4) ? Ipv4Fixed(v.Outer) : Expression.Constant(true);
            }
        }
        return parse;
    }

    // The lambda with its header parses before its body, outer headers first.
    private LambdaExpression WithHeaderParses(LambdaExpression lambda)
    {
        if (_parses.Count == 0)
        {
            return lambda;
        }
        var variables = new List<ParameterExpression>();
        var statements = new List<Expression>();
        var inner = _parses.Values.SelectMany(p => p.Inner).ToHashSet();
        var placed = new Dictionary<int, Expression>();
        var roots = _parses.Values.Where(p => !inner.Contains(p)).ToList();
        var firsts = ParseUses.FirstDominating(lambda.Body, [.. roots.Select(p => p.AllVariables())]);
        for (var r = 0; r < roots.Count; r++)
        {
            var statement = Statement(roots[r], variables);
            // At the header's first use when that use comes before every other on every path (the
            // expert's order: a header is parsed only once the tests before it passed); else first.
            if (firsts[r] is { } ordinal)
            {
                placed[ordinal] = statement;
            }
            else
            {
                statements.Add(statement);
            }
        }
        statements.Add(placed.Count == 0 ? lambda.Body : ParseUses.Insert(lambda.Body, variables, placed));
        var body = Expression.Block(lambda.Body.Type, variables, statements);
        Context.Provenance.Inherit(body, lambda.Body);
        var result = Expression.Lambda(lambda.Type, body, lambda.Name, lambda.TailCall, lambda.Parameters);
        Context.Provenance.Inherit(result, lambda);
        return result;
    }

    // if (guard) { fields = reads; inner parses } else { fields = 0; inner fields = 0 }; its nodes
    // point at the first field read of its header, as the reads they replace did.
    private Expression Statement(HeaderParse parse, List<ParameterExpression> variables)
    {
        if (parse.Fields.Count == 0 && parse.Present is null && parse.ContainerGuard is ConstantExpression)
        {
            var inner = Expression.Block(typeof(void), parse.Inner.Select(p => Statement(p, variables)));
            Context.Provenance.Inherit(inner, parse.Origin);
            return inner;
        }
        var present = new List<Expression>();
        var absent = new List<Expression>();
        foreach (var (variable, value) in parse.Assignments)
        {
            variables.Add(variable);
            present.Add(Expression.Assign(variable, value));
        }
        present.AddRange(parse.Inner.Select(p => Statement(p, variables)));
        foreach (var variable in parse.AllVariables())
        {
            absent.Add(Expression.Assign(variable, Expression.Default(variable.Type)));
        }
        var guard = parse.Fields.Count == 0 && parse.Present is null ? parse.ContainerGuard ?? parse.Guard : parse.Guard;
        var statement = Expression.IfThenElse(guard, Expression.Block(typeof(void), present), Expression.Block(typeof(void), absent));
        Context.Provenance.Inherit(statement, parse.Origin);
        foreach (var node in present.Concat(absent).Append(statement.IfTrue).Append(statement.IfFalse))
        {
            Context.Provenance.Inherit(node, parse.Origin);
        }
        return statement;
    }

    // Replaces each raw read of a field's computation by the parse's variable for that read.
    private sealed class RawReadsToVariables(HeaderParse parse, string path) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != s_read && node.Method != s_read64)
            {
                return base.VisitMethodCall(node);
            }
            // The offset too: a view's fields share it, but VlanTags.Type reads after the tags.
            var key = string.Join(",", node.Arguments.Skip(1));
            if (!parse.Fields.TryGetValue(key, out var field))
            {
                field = (Expression.Variable(node.Type, $"{path}[{key}]"), node);
                parse.Fields[key] = field;
            }
            return field.Variable;
        }
    }

    /// <summary>One header's parse: its guard, its presence flag if the body asks, and the raw reads the body's fields are computed from (by displacement and size).</summary>
    private sealed class HeaderParse(Expression guard, Expression origin)
    {
        public Expression Guard { get; } = guard;

        /// <summary>What this header must pass when the body reads nothing of it but the transport headers inside it (<see cref="Inner"/>), or null.</summary>
        public Expression? ContainerGuard { get; set; }

        public Expression Origin { get; } = origin;

        public ParameterExpression? Present { get; set; }

        public Dictionary<string, (ParameterExpression Variable, Expression Value)> Fields { get; } = [];

        /// <summary>The transport headers parsed inside this one.</summary>
        public List<HeaderParse> Inner { get; } = [];

        /// <summary>The flag (true) and the fields (their reads) this parse sets when its header is present.</summary>
        public IEnumerable<(ParameterExpression Variable, Expression Value)> Assignments =>
            (Present is { } flag ? [(flag, (Expression)Expression.Constant(true))] : Array.Empty<(ParameterExpression, Expression)>()).Concat(Fields.Values);

        /// <summary>Every variable this parse and those inside it set.</summary>
        public IEnumerable<ParameterExpression> AllVariables() => Assignments.Select(a => a.Variable).Concat(Inner.SelectMany(p => p.AllVariables()));
    }
}
