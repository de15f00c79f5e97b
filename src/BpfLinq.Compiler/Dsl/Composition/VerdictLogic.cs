using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq;

/// <summary>
/// The tree rewriting behind composed filters: whether a verdict expression passes a packet, as a
/// bool expression pushed through conditionals (<c>c ? Pass : Drop</c> passes exactly when <c>c</c>),
/// and the substitution that puts two lambdas over one context parameter. The result is the tree a
/// user would have written by hand, so it compiles to the same instructions.
/// </summary>
internal static class VerdictLogic
{
    /// <summary>A bool expression that holds when <paramref name="verdict"/> evaluates to <see cref="Verdict.Pass"/>.</summary>
    /// <exception cref="ArgumentException">The verdict is computed by a node that cannot be pushed through.</exception>
    public static Expression Passes(Expression verdict) => DeepStack.Run(verdict, () => PassesOf(verdict));

    // Recursive over a ?: chain of verdicts as deep as a rule generator writes it: Passes runs it on a stack sized for the tree.
    private static Expression PassesOf(Expression verdict)
    {
        switch (verdict)
        {
            case ConditionalExpression c:
                return Choose(c.Test, PassesOf(c.IfTrue), PassesOf(c.IfFalse));
            case BlockExpression b:
                return Expression.Block(typeof(bool), b.Variables, [.. b.Expressions.SkipLast(1), PassesOf(b.Result)]);
            case SwitchExpression s:
                return Expression.Switch(typeof(bool), s.SwitchValue, s.DefaultBody is null ? null : PassesOf(s.DefaultBody), s.Comparison,
                    s.Cases.Select(c => Expression.SwitchCase(PassesOf(c.Body), c.TestValues)));
            case var e when IsConstant(e):
                return Expression.Constant(Expression.Lambda<Func<Verdict>>(e).Compile(preferInterpretation: true)() == Verdict.Pass);
            default:
                throw new ArgumentException($"a filter whose verdict comes from `{BpfLinq.Compiler.Diagnostics.CSharpRenderer.Render(verdict)}` cannot be composed; write its conditions with ?:");
        }
    }

    /// <summary><c>test ? whenTrue : whenFalse</c> over bools, without a conditional when either side is a constant.</summary>
    public static Expression Choose(Expression test, Expression whenTrue, Expression whenFalse) =>
        (Bool(whenTrue), Bool(whenFalse)) switch
        {
            (true, false) => test,
            (false, true) => Expression.Not(test),
            (true, true) => Expression.Constant(true),
            (false, false) => Expression.Constant(false),
            (true, null) => Expression.OrElse(test, whenFalse),
            (false, null) => Expression.AndAlso(Expression.Not(test), whenFalse),
            (null, true) => Expression.OrElse(Expression.Not(test), whenTrue),
            (null, false) => Expression.AndAlso(test, whenTrue),
            _ => Expression.Condition(test, whenTrue, whenFalse),
        };

    /// <summary><c>passes ? Pass : Drop</c>.</summary>
    public static Expression ToVerdict(Expression passes) =>
        Expression.Condition(passes, Expression.Property(null, typeof(Verdict), nameof(Verdict.Pass)), Expression.Property(null, typeof(Verdict), nameof(Verdict.Drop)));

    /// <summary>The body of <paramref name="lambda"/> with its parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Apply(LambdaExpression lambda, Expression argument) =>
        DeepStack.Run(lambda, () => new Substitution(lambda.Parameters[0], argument).Visit(lambda.Body)!);

    private static bool? Bool(Expression e) => e is ConstantExpression { Value: bool b } ? b : null;

    // No parameter in it: Pass, Drop, a captured verdict.
    private static bool IsConstant(Expression e) => e.Type == typeof(Verdict) && !new ParameterSearch().Finds(e);

    /// <summary>Replaces a parameter; member reads of an anonymous object built in the tree become the member's value (LINQ's <c>let</c>).</summary>
    internal sealed class Substitution(ParameterExpression parameter, Expression argument) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? argument : node;

        protected override Expression VisitMember(MemberExpression node)
        {
            var inner = Visit(node.Expression);
            if (inner is NewExpression { Members: { } members } created)
            {
                var index = members.IndexOf(node.Member);
                if (index < 0)
                {
                    index = members.Select(m => m.Name).ToList().IndexOf(node.Member.Name);
                }
                if (index >= 0)
                {
                    return created.Arguments[index];
                }
            }
            return node.Update(inner);
        }
    }

    private sealed class ParameterSearch : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }
    }
}
