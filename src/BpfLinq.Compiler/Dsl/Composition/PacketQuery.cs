using System.Linq.Expressions;

namespace BpfLinq;

/// <summary>
/// A LINQ query over the packets a program sees, started by <see cref="Bpf.Packets{TContext}"/>:
/// <code>
/// from skb in Bpf.Packets&lt;SkBuff&gt;()
/// let ip = skb.Packet.Ipv4
/// where ip.Protocol == IpProtocol.Tcp
/// where ip.Tcp.DestinationPort == 443
/// select skb
/// </code>
/// Nothing runs until <see cref="ToFilter"/>: the clauses are rewritten into one lambda over the
/// context — each <c>let</c> substituted where it is used (the anonymous objects C# makes for
/// <c>let</c> never reach the compiler), the <c>where</c> clauses joined with <c>&amp;&amp;</c> in order —
/// so the query compiles to the same instructions as the lambda written by hand. Supported
/// clauses: <c>from</c> (one), <c>let</c>, <c>where</c>, <c>select</c>.
/// </summary>
/// <typeparam name="TContext"><see cref="SkBuff"/> or <see cref="XdpMd"/>.</typeparam>
/// <typeparam name="TElement">What the query ranges over so far: the context, an anonymous object of <c>let</c>s, or the selected value.</typeparam>
public sealed class PacketQuery<TContext, TElement>
    where TContext : class
{
    private readonly ParameterExpression _context;
    private readonly Expression _element;
    private readonly Expression? _condition;

    internal PacketQuery(ParameterExpression context, Expression element, Expression? condition)
    {
        _context = context;
        _element = element;
        _condition = condition;
    }

    /// <summary>Keeps the packets <paramref name="predicate"/> holds for (the <c>where</c> clause).</summary>
    /// <param name="predicate">The condition, over the current element.</param>
    public PacketQuery<TContext, TElement> Where(Expression<Func<TElement, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var test = VerdictLogic.Apply(predicate, _element);
        return new(_context, _element, _condition is null ? test : Expression.AndAlso(_condition, test));
    }

    /// <summary>Maps the element (the <c>select</c> and <c>let</c> clauses).</summary>
    /// <param name="selector">The projection.</param>
    public PacketQuery<TContext, TResult> Select<TResult>(Expression<Func<TElement, TResult>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new(_context, VerdictLogic.Apply(selector, _element), _condition);
    }

    /// <summary>
    /// The query as a filter: with <c>select</c> of the context, packets every <c>where</c> holds for
    /// pass and the others drop; with <c>select</c> of a <see cref="Verdict"/>, matching packets get
    /// that verdict and the others drop.
    /// </summary>
    /// <param name="source">The filter's source text, for diagnostics and disassembly (rendered from the tree when null).</param>
    /// <exception cref="InvalidOperationException">The query selects something other than the context or a verdict.</exception>
    public BpfFilter<TContext> ToFilter(string? source = null)
    {
        Expression body;
        if (typeof(TElement) == typeof(TContext) && _element == _context)
        {
            body = VerdictLogic.ToVerdict(_condition ?? Expression.Constant(true));
        }
        else if (typeof(TElement) == typeof(Verdict))
        {
            body = _condition is null ? _element : Expression.Condition(_condition, _element, Expression.Property(null, typeof(Verdict), nameof(Verdict.Drop)));
        }
        else
        {
            throw new InvalidOperationException(
                $"a packet query becomes a filter when it selects the packet's context ({typeof(TContext).Name}) or a Verdict, not {BpfLinq.Compiler.Diagnostics.CSharpRenderer.TypeName(typeof(TElement))} (`select {BpfLinq.Compiler.Diagnostics.CSharpRenderer.Render(_element)}`)");
        }
        var lambda = Expression.Lambda<Func<TContext, Verdict>>(body, _context);
        return new BpfFilter<TContext>(lambda, source, null, 0);
    }
}
