using System.Net;
using static BpfLinq.Compiler.Tests.Golden.GoldenCase;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Golden;

// Packet data: one case per header family, the same filter under each access strategy (direct
// access on tc and XDP, direct with a per-read bpf_skb_load_bytes fallback on cgroup_skb,
// bpf_skb_load_bytes on socket filters and sk_skb), and the shapes the bounds-check windows exist for. They run on GoldenInputs.Packets.
internal static partial class GoldenCases
{
    private static readonly IPNetwork s_privateNet = IPNetwork.Parse("10.0.0.0/8");
    private static readonly IPNetwork s_documentationNet = IPNetwork.Parse("2001:db8::/32");
    private static readonly IPAddress s_dnsServer = IPAddress.Parse("2001:db8::53");
    private static readonly PortRange s_webPorts = new(80, 443);
    private static readonly byte[] s_getBytes = "GET "u8.ToArray();

    private static IEnumerable<GoldenCase> Packets() =>
    [
        // Header families.
        XdpPacket("Packets/EthernetType", x => x.Packet.Ethernet.Type == EtherType.IPv4 ? Pass : Drop),
        XdpPacket("Packets/EthernetAddresses", x => x.Packet.Ethernet.Source == 0x020000000001 && x.Packet.Ethernet.Destination != 0 ? Pass : Drop),
        XdpPacket("Packets/VlanSkipping", x => x.Packet.Ethernet.Vlans(2).Type == EtherType.IPv4 && x.Packet.Ethernet.Vlans(2).Ipv4.Udp.DestinationPort == 53 ? Pass : Drop),
        XdpPacket("Packets/VlanTag", x => x.Packet.Ethernet.Vlans(1).Tag(0).Id == 100 ? Pass : Drop),
        XdpPacket("Packets/Ipv4Fields", x => x.Packet.Ipv4.Ttl > 1 && x.Packet.Ipv4.Dscp == 0 && x.Packet.Ipv4.DontFragment && !x.Packet.Ipv4.IsFragment ? Pass : Drop),
        XdpPacket("Packets/Ipv4Network", x => x.Packet.Ipv4.SourceIn(s_privateNet) ? Pass : Drop),
        XdpPacket("Packets/Ipv6Fields", x => x.Packet.Ipv6.NextHeader == IpProtocol.Udp && x.Packet.Ipv6.HopLimit > 1 ? Pass : Drop),
        XdpPacket("Packets/Ipv6Addresses", x => x.Packet.Ipv6.DestinationIs(s_dnsServer) && x.Packet.Ipv6.SourceIn(s_documentationNet) ? Pass : Drop),
        XdpPacket("Packets/TcpPorts", x => x.Packet.Ipv4.Protocol == IpProtocol.Tcp && (x.Packet.Ipv4.Tcp.DestinationPort == 80 || x.Packet.Ipv4.Tcp.DestinationPort == 443) ? Pass : Drop),
        XdpPacket("Packets/TcpFlags", x => x.Packet.Ipv4.Tcp.Syn && !x.Packet.Ipv4.Tcp.Ack && s_webPorts.Contains(x.Packet.Ipv4.Tcp.DestinationPort) ? Pass : Drop),
        XdpPacket("Packets/UdpPorts", x => x.Packet.Ipv6.Udp.DestinationPort == 53 ? Pass : Drop),
        XdpPacket("Packets/IcmpType", x => x.Packet.Ipv4.Protocol == IpProtocol.Icmp && x.Packet.Ipv4.Icmp.Type == 8 ? Drop : Pass),
        XdpPacket("Packets/RawReads", x => x.Packet.U16(12) == 0x0800 && x.Packet.U32LittleEndian(26) != 0 && x.Packet.U8(x.Packet.Length - 1) != 0 ? Pass : Drop),
        XdpPacket("Packets/StartsWith", x => x.Packet.StartsWith(54, "GET ") ? Pass : Drop),
        XdpPacket("Packets/Matches", x => x.Packet.Matches(54, s_getBytes) ? Pass : Drop),
        // One filter, every access strategy.
        SkbPacket("Packets/Strategies/Tc", ProgramKind.Tc, s => s.Packet.Ipv4.Protocol == IpProtocol.Tcp && s.Packet.Ipv4.Tcp.DestinationPort == 80 ? Pass : Drop),
        XdpPacket("Packets/Strategies/Xdp", x => x.Packet.Ipv4.Protocol == IpProtocol.Tcp && x.Packet.Ipv4.Tcp.DestinationPort == 80 ? Pass : Drop),
        SkbPacket("Packets/Strategies/SocketFilter", ProgramKind.SocketFilter, s => s.Packet.Ipv4.Protocol == IpProtocol.Tcp && s.Packet.Ipv4.Tcp.DestinationPort == 80 ? Pass : Drop),
        SkbPacket("Packets/Strategies/CgroupSkb", ProgramKind.CgroupSkb, s => s.Packet.Ipv4.Protocol == IpProtocol.Tcp && s.Packet.Ipv4.Tcp.DestinationPort == 80 ? Pass : Drop),
        SkbPacket("Packets/Strategies/SkSkb", ProgramKind.SkSkb, s => s.Packet.StartsWith(0, "GET ") ? Pass : Drop),
        SkbPacket("Packets/Strategies/SocketFilterLength", ProgramKind.SocketFilter, s => s.Packet.Length >= 40 ? Pass : Drop),
        // Window shapes: one check for a chain; a zero that passes its test keeps its own check;
        // a variable offset (IP options) is a step of its own.
        XdpPacket("Packets/Windows/OneCheckForAChain", x => x.Packet.Ethernet.Type == EtherType.IPv4 && x.Packet.Ipv4.Protocol == IpProtocol.Udp && x.Packet.Ipv4.Ttl == 64 ? Pass : Drop),
        XdpPacket("Packets/Windows/ZeroPassesItsTest", x => x.Packet.Ethernet.Type == EtherType.IPv4 && x.Packet.Ipv4.Ttl < 5 ? Drop : Pass),
        // An XDP length test is the bounds check data + n <= data_end, and covers the reads after it.
        XdpPacket("Packets/Windows/LengthGuard", x => x.Packet.Length >= 14 + x.Packet.Ipv4.HeaderLength + 4 && ((x.Packet.Ipv4.Udp.SourcePort ^ x.Packet.Ipv4.Udp.DestinationPort) & 1) == 0 ? Pass : Drop),
        XdpPacket("Packets/Windows/VariableOffsetStep", x => x.Packet.Ipv4.Protocol == IpProtocol.Tcp && x.Packet.Ipv4.Tcp.Syn ? Pass : Drop),
    ];
}
