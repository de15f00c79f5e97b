using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

// The nodes only hand-built trees have (C# expression lambdas cannot hold statements): blocks with
// variables, assignments and compound assignments, bounded loops (Loop/Break and Label/Goto), Switch,
// and Invoke of nested lambdas (which C# lambdas can hold only through hand-built trees).
//
// Loop counters are named "loop<n>": the shrinker never touches their assignments or the tests that
// read them, so shrinking cannot make a loop run forever.
internal sealed partial class ExpressionTreeBuilder
{
    /// <summary>The name prefix of loop counters, which the shrinker leaves alone.</summary>
    public const string LoopCounterPrefix = "loop";

    private static readonly Type[] s_variableTypes =
        [typeof(int), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(byte), typeof(short), typeof(char), typeof(bool)];

    private static readonly Type[] s_switchValueTypes = [typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(char), typeof(short)];

    // The variables blocks outside nested lambdas have declared so far (never loop counters or lambda
    // parameters), those declared more than once, and those a nested lambda reads. The CLR's
    // interpreter fails on a variable declared twice that a nested lambda captures, so the two sets
    // are kept apart: nested lambdas neither see redeclared variables nor redeclare any.
    private readonly List<ParameterExpression> _blockVariables = [];
    private readonly HashSet<ParameterExpression> _redeclared = [];
    private readonly HashSet<ParameterExpression> _capturedByLambdas = [];
    private int _lambdaDepth;

    private static readonly ExpressionType[] s_compoundAssignments =
    [
        ExpressionType.AddAssign, ExpressionType.SubtractAssign, ExpressionType.MultiplyAssign, ExpressionType.AndAssign,
        ExpressionType.OrAssign, ExpressionType.ExclusiveOrAssign,
    ];

    private Expression HandBuilt(Type type, int depth, TreeScope scope)
    {
        var accumulates = ScalarType.Promoted.Any(s => s.Clr == type);
        return Choose(
            (5, () => BlockOf(type, depth, scope)),
            (accumulates && depth >= 3 ? 2 : 0, () => CountedLoop(type, depth, scope, withGoto: false)),
            (accumulates && depth >= 3 ? 1 : 0, () => CountedLoop(type, depth, scope, withGoto: true)),
            (type != typeof(bool) ? 2 : 0, () => SwitchOf(type, depth, scope)),
            (3, () => InvokeOf(type, depth, scope)),
            (1, () => InvokeWithContext(type, depth, scope)));
    }

    // { T1 v1 = e1; T2 v2 = e2; v1 += e3; ...; result }. A block may declare again a variable an
    // earlier block declared (the same ParameterExpression: reused by a sibling, or shadowing one in
    // scope), and then may read it before assigning it (v += e first): each entry to a block makes
    // its variables anew, zeroed, as the CLR's interpreter (Evaluate's oracle) and C# do.
    private Expression BlockOf(Type type, int depth, TreeScope scope)
    {
        var variables = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => BlockVariable(scope)).Distinct().ToList();
        var statements = new List<Expression>();
        var inner = scope;
        foreach (var variable in variables)
        {
            var redeclared = _blockVariables.Contains(variable);
            if (redeclared)
            {
                _redeclared.Add(variable);
            }
            else if (_lambdaDepth == 0)
            {
                _blockVariables.Add(variable);
            }
            // Read first (v += e) half the time when redeclared, sometimes when new: the zero every entry makes.
            var readFirst = _random.Next(redeclared ? 2 : 6) == 0;
            statements.Add(readFirst ? Update(variable, depth, inner) : Expression.Assign(variable, Build(variable.Type, depth - 1, inner)));
            inner = inner.With(variable);
        }
        for (var extra = _random.Next(3); extra > 0; extra--)
        {
            statements.Add(Update(Pick(variables), depth, inner));
        }
        statements.Add(Build(type, depth - 1, inner));
        return Expression.Block(type, variables, statements);
    }

    // A new variable; sometimes one an earlier block declared, in scope here (shadowed) or not (reused).
    private ParameterExpression BlockVariable(TreeScope scope)
    {
        var candidates = _lambdaDepth == 0 ? _blockVariables.Where(v => !_capturedByLambdas.Contains(v)).ToList() : [];
        var inScope = candidates.Intersect(scope.Variables).ToList();
        var outOfScope = candidates.Except(scope.Variables).ToList();
        return (ParameterExpression)Choose(
            (4, () => Variable(Pick(s_variableTypes), "v")),
            (inScope.Count > 0 ? 1 : 0, () => Pick(inScope)),
            (outOfScope.Count > 0 ? 2 : 0, () => Pick(outOfScope)));
    }

    // A compound assignment, an increment, or the C# lowering of `small += e` for small types; the
    // operator takes a level of the statement's depth.
    private Expression Update(ParameterExpression variable, int depth, TreeScope scope)
    {
        var type = variable.Type;
        if (type == typeof(bool))
        {
            return Expression.Assign(variable, Expression.AndAlso(variable, Build(typeof(bool), depth - 1, scope)));
        }
        if (CSharpOperators.Promote(type) != type)
        {
            var widened = CSharpOperators.Binary(Pick(s_arithmetic), variable, Build(typeof(int), depth - 1, scope));
            return Expression.Assign(variable, Expression.Convert(widened, type));
        }
        return Choose(
            (6, () => Expression.MakeBinary(Pick(s_compoundAssignments), variable, Build(type, depth - 1, scope))),
            (2, () => Expression.MakeBinary(Pick([ExpressionType.LeftShiftAssign, ExpressionType.RightShiftAssign]), variable, Build(typeof(int), depth - 1, scope))),
            (2, () => Expression.MakeUnary(
                Pick([ExpressionType.PreIncrementAssign, ExpressionType.PostIncrementAssign, ExpressionType.PreDecrementAssign, ExpressionType.PostDecrementAssign]),
                variable,
                type)));
    }

    // { int loop = 0; T acc = init; while (loop < N) { acc = acc op f(loop, acc); ++loop; } acc }
    // as Loop/Break, or as Label/Goto.
    private Expression CountedLoop(Type type, int depth, TreeScope scope, bool withGoto)
    {
        var counter = Variable(typeof(int), LoopCounterPrefix);
        var accumulator = Variable(type, "acc");
        var bound = Expression.Constant(_random.Next(7));
        var inner = scope.With(counter, accumulator);
        var step = _random.Next(2) == 0
            ? Expression.MakeBinary(Pick(s_compoundAssignments), accumulator, Build(type, depth - 2, inner))
            : Expression.Assign(accumulator, CSharpOperators.Binary(Pick(s_arithmetic), accumulator, Build(type, depth - 2, inner)));
        var test = Expression.LessThan(counter, bound);
        var increment = Expression.PreIncrementAssign(counter);
        Expression loop;
        if (withGoto)
        {
            var top = Expression.Label($"continue{_names++}");
            loop = Expression.Block(
                Expression.Label(top),
                Expression.IfThen(test, Expression.Block(step, increment, Expression.Goto(top))));
        }
        else
        {
            var exit = Expression.Label($"break{_names++}");
            loop = Expression.Loop(Expression.IfThenElse(test, Expression.Block(step, increment), Expression.Break(exit)), exit);
        }
        return Expression.Block(
            type,
            [counter, accumulator],
            Expression.Assign(counter, Expression.Constant(0)),
            Expression.Assign(accumulator, Build(type, depth - 1, scope)),
            loop,
            _random.Next(3) == 0 ? Build(type, depth - 1, scope.With(accumulator)) : accumulator);
    }

    // switch (value) { case c1: e1; ... default: e0 }
    private Expression SwitchOf(Type type, int depth, TreeScope scope)
    {
        var valueType = Pick(s_switchValueTypes);
        var labels = Enumerable.Range(0, 1 + _random.Next(4))
            .Select(_ => (ConstantExpression)Constant(valueType))
            .DistinctBy(c => c.Value)
            .ToList();
        var cases = labels.Select(label => Expression.SwitchCase(Build(type, depth - 1, scope), label)).ToArray();
        return Expression.Switch(type, Build(valueType, depth - 1, scope), Build(type, depth - 1, scope), null, cases);
    }

    // ((T1 p1, T2 p2) => body)(a1, a2)
    private Expression InvokeOf(Type type, int depth, TreeScope scope)
    {
        var parameters = Enumerable.Range(0, _random.Next(4))
            .Select(_ => Expression.Parameter(Pick(ScalarType.All).Clr, $"p{_names++}"))
            .ToList();
        var body = LambdaBody(() => Build(type, depth - 1, ForLambda(scope).With(parameters)));
        var arguments = parameters.Select(p => Build(p.Type, depth - 1, scope));
        return Expression.Invoke(Expression.Lambda(body, parameters), arguments);
    }

    // ((SkBuff inner) => body)(skb): a nested lambda over the context.
    private Expression InvokeWithContext(Type type, int depth, TreeScope scope)
    {
        var outer = Pick(scope.Contexts);
        var inner = Expression.Parameter(outer.Type, $"{outer.Name}{_names++}");
        var body = LambdaBody(() => Build(type, depth - 1, ForLambda(scope).WithContext(inner)));
        return Expression.Invoke(Expression.Lambda(body, inner), outer);
    }

    private TreeScope ForLambda(TreeScope scope) => scope with { Variables = scope.Variables.RemoveAll(_redeclared.Contains) };

    // Builds a nested lambda's body, and remembers the variables it reads, which no block redeclares then.
    private Expression LambdaBody(Func<Expression> build)
    {
        _lambdaDepth++;
        var body = build();
        _lambdaDepth--;
        _capturedByLambdas.UnionWith(VariablesIn.Of(body));
        return body;
    }

    private sealed class VariablesIn : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> _found = [];

        public static HashSet<ParameterExpression> Of(Expression node)
        {
            var finder = new VariablesIn();
            finder.Visit(node);
            return finder._found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found.Add(node);
            return node;
        }
    }
}
