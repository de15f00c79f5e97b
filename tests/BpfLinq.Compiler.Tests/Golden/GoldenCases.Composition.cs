using static BpfLinq.Compiler.Tests.Golden.GoldenCase;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Golden;

// The composition forms: And, Or, Not, chained Where, and LINQ queries with let (scalar-replaced).
internal static partial class GoldenCases
{
    private static readonly BpfFilter<SkBuff> s_tcp = Bpf.Filter<SkBuff>(skb => skb.Packet.Ipv4.Protocol == IpProtocol.Tcp ? Pass : Drop);
    private static readonly BpfFilter<SkBuff> s_https = Bpf.Filter<SkBuff>(skb => skb.Packet.Ipv4.Tcp.DestinationPort == 443 ? Pass : Drop);
    private static readonly BpfFilter<SkBuff> s_dnsQuery = Bpf.Filter<SkBuff>(skb => skb.Packet.Ipv4.Udp.DestinationPort == 53 ? Pass : Drop);

    private static IEnumerable<GoldenCase> Composition() =>
    [
        Composed("Composition/And", ProgramKind.Tc, s_tcp.And(s_https), readsPackets: true),
        Composed("Composition/Or", ProgramKind.Tc, s_https.Or(s_dnsQuery), readsPackets: true),
        Composed("Composition/Not", ProgramKind.SocketFilter, s_tcp.Not(), readsPackets: true),
        Composed("Composition/Where", ProgramKind.Tc, s_tcp.Where(skb => skb.Packet.Ipv4.Ttl > 1).Where(skb => skb.Packet.Ipv4.Tcp.Syn), readsPackets: true),
        Composed("Composition/QueryWithLet", ProgramKind.Tc,
            (from skb in Bpf.Packets<SkBuff>()
             let ip = skb.Packet.Ipv4
             let tcp = ip.Tcp
             where ip.Protocol == IpProtocol.Tcp
             where tcp.DestinationPort == 443 || tcp.DestinationPort == 80
             select skb).ToFilter("from skb in Bpf.Packets<SkBuff>() let ip = skb.Packet.Ipv4 let tcp = ip.Tcp where ip.Protocol == IpProtocol.Tcp where tcp.DestinationPort == 443 || tcp.DestinationPort == 80 select skb"),
            readsPackets: true),
        Composed("Composition/QuerySelectingAVerdict", ProgramKind.SocketFilter,
            Bpf.Filter(from skb in Bpf.Packets<SkBuff>() where skb.Mark != 0 select skb.Len > 64 ? Keep(64) : Pass)),
    ];
}
