using System.Linq.Expressions;

namespace BpfLinq;

public static partial class Bpf
{
    /// <summary>
    /// The packets of a program over <typeparamref name="TContext"/>, to write a filter as a LINQ query
    /// (<c>from skb in Bpf.Packets&lt;SkBuff&gt;() where ... select skb</c>); see <see cref="PacketQuery{TContext, TElement}"/>.
    /// </summary>
    /// <typeparam name="TContext"><see cref="SkBuff"/> or <see cref="XdpMd"/>.</typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="TContext"/> is not a program context.</exception>
    public static PacketQuery<TContext, TContext> Packets<TContext>()
        where TContext : class
    {
        _ = DefaultKindOf(typeof(TContext));
        var context = Expression.Parameter(typeof(TContext), typeof(TContext) == typeof(XdpMd) ? "xdp" : "skb");
        return new PacketQuery<TContext, TContext>(context, context, null);
    }

    /// <summary>The filter a packet query describes (<see cref="PacketQuery{TContext, TElement}.ToFilter"/>).</summary>
    /// <typeparam name="TContext"><see cref="SkBuff"/> or <see cref="XdpMd"/>.</typeparam>
    /// <typeparam name="TElement">What the query selects: the context or a <see cref="Verdict"/>.</typeparam>
    /// <param name="query">The query.</param>
    /// <exception cref="InvalidOperationException">The query selects something else.</exception>
    public static BpfFilter<TContext> Filter<TContext, TElement>(PacketQuery<TContext, TElement> query)
        where TContext : class
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.ToFilter();
    }
}
