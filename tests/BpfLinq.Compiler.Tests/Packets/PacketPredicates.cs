using System.Linq.Expressions;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Packets;

/// <summary>
/// Generated packet predicates: comparisons of header fields and raw reads (every view, constant
/// and variable offsets, both byte orders, the length) with constants likely to match the
/// generated frames, the views' bool tests and presence tests, address and network matches, port
/// ranges and byte prefixes, joined by &amp;&amp;, || and !, as <c>skb =&gt; test ? Pass : Drop</c>.
/// </summary>
internal static class PacketPredicates
{
    private static readonly IPNetwork s_net4 = IPNetwork.Parse("10.0.0.0/8");
    private static readonly IPNetwork s_net6 = IPNetwork.Parse("2001:db8::/32");
    private static readonly IPAddress s_any4 = IPAddress.Parse("0.0.0.0");
    private static readonly PortRange s_range = new(50, 450);
    private static readonly byte[] s_get = "GET "u8.ToArray();
    private static readonly long[] s_constants = [0, 1, 2, 4, 5, 6, 8, 17, 20, 40, 53, 64, 80, 255, 443, 0x800, 0x86dd, 0x8100, 0x4000, 0x0A000000, 0xffff, uint.MaxValue, -1];

    private static readonly Expression<Func<SkBuff, long>>[] s_fields =
    [
        s => s.Packet.Ethernet.Type, s => (long)s.Packet.Ethernet.Source, s => s.Packet.Ethernet.Vlans(2).Type, s => s.Packet.Ethernet.Vlans(2).Count,
        s => s.Packet.Ethernet.Vlans(2).Tag(1).Id, s => s.Packet.Ethernet.Vlans(1).Tag(0).Priority, s => s.Packet.Ethernet.Vlans(2).Ipv4.Protocol,
        s => s.Packet.Ethernet.Vlans(2).Ipv4.Udp.DestinationPort, s => s.Packet.Ipv4.Version, s => s.Packet.Ipv4.Ihl, s => s.Packet.Ipv4.HeaderLength,
        s => s.Packet.Ipv4.Dscp, s => s.Packet.Ipv4.Ecn, s => s.Packet.Ipv4.TotalLength, s => s.Packet.Ipv4.Id, s => s.Packet.Ipv4.Flags,
        s => s.Packet.Ipv4.FragmentOffset, s => s.Packet.Ipv4.Ttl, s => s.Packet.Ipv4.Protocol, s => s.Packet.Ipv4.Source, s => s.Packet.Ipv4.Destination,
        s => s.Packet.Ipv4.Tcp.SourcePort, s => s.Packet.Ipv4.Tcp.DestinationPort, s => s.Packet.Ipv4.Tcp.Flags, s => s.Packet.Ipv4.Tcp.DataOffset,
        s => s.Packet.Ipv4.Tcp.HeaderLength, s => s.Packet.Ipv4.Tcp.Sequence, s => s.Packet.Ipv4.Tcp.Window, s => s.Packet.Ipv4.Udp.DestinationPort,
        s => s.Packet.Ipv4.Udp.Length, s => s.Packet.Ipv4.Icmp.Type, s => s.Packet.Ipv4.Icmp.Code, s => s.Packet.Ipv6.NextHeader,
        s => s.Packet.Ipv6.HopLimit, s => s.Packet.Ipv6.FlowLabel, s => s.Packet.Ipv6.TrafficClass, s => s.Packet.Ipv6.PayloadLength,
        s => s.Packet.Ipv6.Tcp.DestinationPort, s => s.Packet.Ipv6.Udp.SourcePort, s => s.Packet.Ipv6.Icmpv6.Type,
        s => s.Packet.U8(14), s => s.Packet.U16(12), s => s.Packet.U32(26), s => (long)s.Packet.U64(30), s => s.Packet.U16LittleEndian(36),
        s => s.Packet.U32LittleEndian(20), s => s.Packet.U8(s.Packet.Ipv4.HeaderLength + 14), s => s.Packet.U16(s.Packet.Length - 2),
        s => s.Packet.U8(s.Packet.U8(15) & 63), s => s.Packet.Length, s => s.Packet.Length - s.Packet.Ipv4.TotalLength,
        s => s.Packet.Ipv4.Source ^ s.Packet.Ipv4.Destination, s => s.Packet.Ipv4.Tcp.SourcePort + s.Packet.Ipv4.Tcp.DestinationPort,
    ];

    private static readonly Expression<Func<SkBuff, bool>>[] s_tests =
    [
        s => s.Packet.Ipv4.DontFragment, s => s.Packet.Ipv4.MoreFragments, s => s.Packet.Ipv4.IsFragment, s => s.Packet.Ipv4.Tcp.Syn,
        s => s.Packet.Ipv4.Tcp.Ack, s => s.Packet.Ipv4.Tcp.Fin, s => s.Packet.Ipv4.Tcp.Rst, s => s.Packet.Ethernet.Vlans(2).Tag(0).DropEligible,
        s => s.Packet.Ipv4.SourceIn(s_net4), s => s.Packet.Ipv4.DestinationIs(s_any4), s => s.Packet.Ipv6.DestinationIn(s_net6),
        s => s.Packet.Ipv6.SourceIs(IPAddress.IPv6Any), s => s_range.Contains(s.Packet.Ipv4.Tcp.DestinationPort),
        s => s.Packet.StartsWith(54, "GET "), s => s.Packet.Matches(s.Packet.Ipv4.HeaderLength + 34, s_get), s => s.Packet.StartsWith(0, "\0"),
        s => s.Packet.Ethernet.IsPresent, s => s.Packet.Ipv4.IsPresent, s => s.Packet.Ipv4.Tcp.IsPresent, s => s.Packet.Ipv4.Udp.IsPresent,
        s => s.Packet.Ipv4.Icmp.IsPresent, s => s.Packet.Ipv6.IsPresent, s => s.Packet.Ipv6.Tcp.IsPresent, s => s.Packet.Ipv6.Udp.IsPresent,
        s => s.Packet.Ethernet.Vlans(2).IsPresent, s => s.Packet.Ethernet.Vlans(2).Tag(1).IsPresent, s => s.Packet.Ethernet.Vlans(1).Ipv6.IsPresent,
    ];

    /// <summary>A generated predicate.</summary>
    public static Gen<Expression<Func<SkBuff, Verdict>>> Predicate() =>
        from test in Test(3)
        from dropWhenTrue in Gen.Elements(false, false, true)
        select Lambda(test, dropWhenTrue);

    /// <summary>The same predicate over an XDP context (<c>skb.Packet</c> becomes <c>xdp.Packet</c>).</summary>
    public static Expression<Func<XdpMd, Verdict>> XdpTwin(Expression<Func<SkBuff, Verdict>> lambda)
    {
        var xdp = Expression.Parameter(typeof(XdpMd), "xdp");
        return Expression.Lambda<Func<XdpMd, Verdict>>(new Twin(lambda.Parameters[0], xdp).Visit(lambda.Body)!, xdp);
    }

    private static Expression<Func<SkBuff, Verdict>> Lambda(Expression<Func<SkBuff, bool>> test, bool dropWhenTrue) =>
        Expression.Lambda<Func<SkBuff, Verdict>>(
            Expression.Condition(test.Body, Expression.Constant(dropWhenTrue ? Drop : Pass), Expression.Constant(dropWhenTrue ? Pass : Drop)),
            test.Parameters);

    private static Gen<Expression<Func<SkBuff, bool>>> Test(int depth) =>
        depth == 0
            ? Gen.OneOf(Comparison(), Gen.Elements(s_tests))
            : Gen.Frequency(
                (4, Gen.OneOf(Comparison(), Gen.Elements(s_tests))),
                (2, from a in Test(depth - 1) from b in Test(depth - 1) select Combine(a, b, Expression.AndAlso)),
                (2, from a in Test(depth - 1) from b in Test(depth - 1) select Combine(a, b, Expression.OrElse)),
                (1, from a in Test(depth - 1) select Not(a)));

    private static Gen<Expression<Func<SkBuff, bool>>> Comparison() =>
        from field in Gen.Elements(s_fields)
        from constant in Gen.Elements(s_constants)
        from op in Gen.Elements<Func<Expression, Expression, BinaryExpression>>(Expression.Equal, Expression.NotEqual, Expression.LessThan, Expression.GreaterThanOrEqual)
        select Expression.Lambda<Func<SkBuff, bool>>(op(field.Body, Expression.Constant(constant)), field.Parameters);

    private static Expression<Func<SkBuff, bool>> Combine(Expression<Func<SkBuff, bool>> a, Expression<Func<SkBuff, bool>> b, Func<Expression, Expression, BinaryExpression> op) =>
        Expression.Lambda<Func<SkBuff, bool>>(op(a.Body, new Twin(b.Parameters[0], a.Parameters[0]).Visit(b.Body)!), a.Parameters);

    private static Expression<Func<SkBuff, bool>> Not(Expression<Func<SkBuff, bool>> a) =>
        Expression.Lambda<Func<SkBuff, bool>>(Expression.Not(a.Body), a.Parameters);

    // Replaces one parameter by another (or, for the XDP twin, skb.Packet by xdp.Packet).
    private sealed class Twin(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == from && to.Type == typeof(XdpMd) && node.Member.Name == nameof(SkBuff.Packet)
                ? Expression.Property(to, nameof(XdpMd.Packet))
                : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) => node == from && to.Type == from.Type ? to : node;
    }
}
