using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq;

// Composition: filters combine into one lambda over one context parameter (no Invoke nodes), the
// tree a user would write by hand, so a composed filter compiles to the same instructions.
public sealed partial class BpfFilter<TContext>
{
    /// <summary>
    /// A filter that passes a packet when this one and <paramref name="other"/> both pass it
    /// (<paramref name="other"/> is evaluated only when this one passes, as with <c>&amp;&amp;</c>). A
    /// filter passes a packet when its verdict is <see cref="Verdict.Pass"/>; every other verdict
    /// counts as not passing, and the composed filter returns <see cref="Verdict.Pass"/> or <see cref="Verdict.Drop"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Either filter is a raw <see cref="Bpf.Program{TContext}"/>.</exception>
    /// <exception cref="ArgumentException">A verdict comes from a node that cannot be composed.</exception>
    public BpfFilter<TContext> And(BpfFilter<TContext> other) => Combine(other, Expression.AndAlso, "&&");

    /// <summary>A filter that passes a packet when this one or <paramref name="other"/> passes it (<paramref name="other"/> evaluated only when this one does not). See <see cref="And"/>.</summary>
    /// <exception cref="InvalidOperationException">Either filter is a raw <see cref="Bpf.Program{TContext}"/>.</exception>
    /// <exception cref="ArgumentException">A verdict comes from a node that cannot be composed.</exception>
    public BpfFilter<TContext> Or(BpfFilter<TContext> other) => Combine(other, Expression.OrElse, "||");

    /// <summary>A filter that passes exactly the packets this one does not pass. See <see cref="And"/>.</summary>
    /// <exception cref="InvalidOperationException">This filter is a raw <see cref="Bpf.Program{TContext}"/>.</exception>
    /// <exception cref="ArgumentException">A verdict comes from a node that cannot be composed.</exception>
    public BpfFilter<TContext> Not()
    {
        var (parameter, passes) = PassesOver(null);
        return Composed(Expression.Not(passes), parameter, $"!({SourceText})", _captured);
    }

    /// <summary>A filter that passes the packets this one passes and <paramref name="predicate"/> holds for (evaluated after this one).</summary>
    /// <param name="predicate">The extra condition.</param>
    /// <param name="source">Filled in by the C# compiler: the predicate's source text.</param>
    /// <exception cref="InvalidOperationException">This filter is a raw <see cref="Bpf.Program{TContext}"/>.</exception>
    public BpfFilter<TContext> Where(Expression<Func<TContext, bool>> predicate, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(predicate))] string? source = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var (parameter, passes) = PassesOver(null);
        return Composed(Expression.AndAlso(passes, VerdictLogic.Apply(predicate, parameter)), parameter, $"({SourceText}).Where({source ?? BpfLinq.Compiler.Diagnostics.CSharpRenderer.Render(predicate)})", _captured);
    }

    private BpfFilter<TContext> Combine(BpfFilter<TContext> other, Func<Expression, Expression, Expression> op, string symbol)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (parameter, left) = PassesOver(null);
        var (_, right) = other.PassesOver(parameter);
        return Composed(op(left, right), parameter, $"({SourceText}) {symbol} ({other.SourceText})", _captured, other._captured);
    }

    // The bool "this filter passes" over `parameter` (this filter's own when null).
    private (ParameterExpression Parameter, Expression Passes) PassesOver(ParameterExpression? parameter)
    {
        if (!ReturnsVerdict)
        {
            throw new InvalidOperationException($"`{SourceText}` is a raw program (Bpf.Program): And, Or, Not and Where combine verdict filters (Bpf.Filter)");
        }
        var own = Lambda.Parameters[0];
        var p = parameter ?? own;
        var body = p == own ? Lambda.Body : VerdictLogic.Apply(Lambda, p);
        return (p, VerdictLogic.Passes(body));
    }

    private static BpfFilter<TContext> Composed(Expression passes, ParameterExpression parameter, string source, params CapturedValues[] parts) =>
        new(Expression.Lambda<Func<TContext, Verdict>>(VerdictLogic.ToVerdict(passes), parameter), source, null, 0, parts);
}
