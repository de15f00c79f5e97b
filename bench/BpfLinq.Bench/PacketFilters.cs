using System.Linq.Expressions;
using System.Net;
using static BpfLinq.Verdict;

namespace BpfLinq.Bench;

/// <summary>
/// Realistic packet filters, each with the C an expert writes for the same job (clang/&lt;name&gt;.c):
/// the packet rows of the code-quality report. XDP and tc read from the Ethernet header; socket
/// filters from the IP header (skb->data under BPF_PROG_TEST_RUN). Each case names the frame of
/// <see cref="Report.PacketFrames"/> its time is measured on: one that runs the filter's longest path.
/// </summary>
internal static class PacketFilters
{
    private static readonly PortRange s_services = new(8000, 8999);
    private static readonly IPNetwork s_private = IPNetwork.Parse("10.0.0.0/8");
    private static readonly IPNetwork s_documentation = IPNetwork.Parse("2001:db8::/32");

    /// <summary>The 20 TCP ports of <c>port_whitelist</c>.</summary>
    public static IReadOnlyList<ushort> WhitelistedPorts { get; } =
        [22, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 1194, 3306, 5432, 6379, 8080, 8443, 9090, 9200, 27017];

    /// <summary>Every packet filter of the report.</summary>
    public static IReadOnlyList<PacketCase> All { get; } =
    [
        PacketCase.Xdp("tcp_web", "tcp 443 ack, ip options",
            xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4 && xdp.Packet.Ipv4.Protocol == IpProtocol.Tcp
                && (xdp.Packet.Ipv4.Tcp.DestinationPort == 80 || xdp.Packet.Ipv4.Tcp.DestinationPort == 443) ? Pass : Drop),
        PacketCase.Skb("dns", ProgramKind.Tc, "ipv6 udp dns",
            skb => (skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Udp && skb.Packet.Ipv4.Udp.DestinationPort == 53)
                || (skb.Packet.Ethernet.Type == EtherType.IPv6 && skb.Packet.Ipv6.NextHeader == IpProtocol.Udp && skb.Packet.Ipv6.Udp.DestinationPort == 53) ? Pass : Drop),
        PacketCase.Xdp("vlan_udp", "qinq udp 4789",
            xdp => xdp.Packet.Ethernet.Vlans(2).Type == EtherType.IPv4 && xdp.Packet.Ethernet.Vlans(2).Ipv4.Protocol == IpProtocol.Udp
                && xdp.Packet.Ethernet.Vlans(2).Ipv4.Udp.DestinationPort == 4789 ? Pass : Drop),
        PacketCase.Skb("syn_range", ProgramKind.Tc, "tcp 8080 syn",
            skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && skb.Packet.Ipv4.Tcp.Syn
                && !skb.Packet.Ipv4.Tcp.Ack && s_services.Contains(skb.Packet.Ipv4.Tcp.DestinationPort) ? Pass : Drop),
        // The "ports are there" test is the lambda's: a missing port would hash as 0 (see the C twin).
        PacketCase.Xdp("flow_sample", "tcp 80 syn",
            xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4
                && (xdp.Packet.Ipv4.Protocol == IpProtocol.Tcp || xdp.Packet.Ipv4.Protocol == IpProtocol.Udp)
                && xdp.Packet.Length >= 14 + xdp.Packet.Ipv4.HeaderLength + 4
                && ((xdp.Packet.Ipv4.Source ^ xdp.Packet.Ipv4.Destination ^ xdp.Packet.Ipv4.Tcp.SourcePort ^ xdp.Packet.Ipv4.Tcp.DestinationPort) & 15) == 0 ? Pass : Drop),
        PortWhitelist(),
        PacketCase.Xdp("ttl_low", "tcp 80 syn",
            xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4 && xdp.Packet.Ipv4.Ttl < 5 ? Drop : Pass),
        PacketCase.Skb("dscp_ef", ProgramKind.Tc, "udp dscp ef",
            skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Dscp == 46 ? Pass : Drop),
        PacketCase.Xdp("no_fragments", "tcp 80 syn",
            xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4 && xdp.Packet.Ipv4.IsFragment ? Drop : Pass),
        PacketCase.Skb("src_in_net", ProgramKind.SocketFilter, "tcp 80 syn",
            skb => skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.SourceIn(s_private) ? Pass : Drop),
        PacketCase.Skb("sock_len", ProgramKind.SocketFilter, "udp dns",
            skb => skb.Packet.Length >= 20 && skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.TotalLength <= skb.Packet.Length ? Pass : Drop),
        PacketCase.Skb("icmp_echo", ProgramKind.SocketFilter, "icmp echo request, ip options",
            skb => skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.Protocol == IpProtocol.Icmp && skb.Packet.Ipv4.Icmp.Type == 8 ? Pass : Drop),
        PacketCase.Skb("http_get", ProgramKind.Tc, "http get, tcp options",
            skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Tcp
                && skb.Packet.StartsWith(14 + skb.Packet.Ipv4.HeaderLength + skb.Packet.Ipv4.Tcp.HeaderLength, "GET ") ? Pass : Drop),
        PacketCase.Xdp("ipv6_src", "ipv6 tcp 443",
            xdp => xdp.Packet.Ethernet.Type == EtherType.IPv6 && xdp.Packet.Ipv6.SourceIn(s_documentation) && xdp.Packet.Ipv6.HopLimit > 1 ? Pass : Drop),
    ];

    // skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Tcp
    //        && (port == 22 || port == 25 || ... || port == 27017) ? Pass : Drop
    // The compiler takes no membership test on a captured array (Contains is not an intrinsic), so the
    // 20 comparisons are built from the array as the chain of == one would otherwise write by hand,
    // each reading skb.Packet.Ipv4.Tcp.DestinationPort (a lambda has no let).
    private static PacketCase PortWhitelist()
    {
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var packet = Expression.Property(skb, nameof(SkBuff.Packet));
        var ipv4 = Expression.Property(packet, nameof(Packet.Ipv4));
        Expression Int(Expression e) => Expression.Convert(e, typeof(int));
        var port = Int(Expression.Property(Expression.Property(ipv4, nameof(Ipv4.Tcp)), nameof(Tcp.DestinationPort)));
        var anyPort = WhitelistedPorts
            .Select(p => (Expression)Expression.Equal(port, Expression.Constant((int)p)))
            .Aggregate(Expression.OrElse);
        var test = Expression.AndAlso(
            Expression.AndAlso(
                Expression.Equal(Int(Expression.Property(Expression.Property(packet, nameof(Packet.Ethernet)), nameof(Ethernet.Type))), Expression.Constant((int)EtherType.IPv4)),
                Expression.Equal(Int(Expression.Property(ipv4, nameof(Ipv4.Protocol))), Expression.Constant((int)IpProtocol.Tcp))),
            anyPort);
        var body = Expression.Condition(test, Expression.Property(null, typeof(Verdict), nameof(Pass)), Expression.Property(null, typeof(Verdict), nameof(Drop)));
        var source = "skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && ("
            + string.Join(" || ", WhitelistedPorts.Select(p => $"skb.Packet.Ipv4.Tcp.DestinationPort == {p}")) + ") ? Pass : Drop";
        return PacketCase.Of("port_whitelist", ProgramKind.Tc, "tcp 9999 syn", Bpf.Filter(Expression.Lambda<Func<SkBuff, Verdict>>(body, skb), source));
    }
}
