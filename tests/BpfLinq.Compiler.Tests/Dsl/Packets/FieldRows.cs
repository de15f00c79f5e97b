using System.Net;

namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>Every field of every view, read on the <see cref="TestFrames"/> (offsets are the frame's).</summary>
internal static class FieldRows
{
    private static readonly IPAddress s_v6Source = IPAddress.Parse("2001:db8::1");
    private static readonly IPAddress s_v6Destination = IPAddress.Parse("fe80::1234:5678:9abc:def0");

    /// <summary>The rows by name.</summary>
    public static IReadOnlyDictionary<string, FieldRow> All { get; } = Build().ToDictionary(r => r.Name);

    private static List<FieldRow> Build()
    {
        var rows = new List<FieldRow>();
        var frame = "";
        void Link(string field, Func<Packet, ulong> read, ulong expected, int end) =>
            rows.Add(new FieldRow(frame, field, read, expected, end, ThroughLink: true));
        void Net(string field, Func<Packet, ulong> read, ulong expected, int end) =>
            rows.Add(new FieldRow(frame, field, read, expected, end, ThroughLink: false));
        void Tags(string field, Func<Packet, ulong> read, Func<int, ulong> cut) =>
            rows.Add(new FieldRow(frame, field, read, cut(int.MaxValue), 14, ThroughLink: true, cut));
        static ulong B(bool value) => value ? 1UL : 0UL;

        frame = nameof(TestFrames.Ipv4Tcp);
        Link("Ethernet.Destination", p => p.Ethernet.Destination, 0x001122334455, 14);
        Link("Ethernet.Source", p => p.Ethernet.Source, 0x66778899aabb, 14);
        Link("Ethernet.Type", p => p.Ethernet.Type, EtherType.IPv4, 14);
        Link("Ethernet.IsPresent", p => B(p.Ethernet.IsPresent), 1, 14);
        Link("Ethernet.Ipv4.Ttl", p => p.Ethernet.Ipv4.Ttl, 64, 38);
        Link("Ethernet.Vlans(2).Type (no tags)", p => p.Ethernet.Vlans(2).Type, EtherType.IPv4, 14);
        Link("Ethernet.Vlans(2).Ipv4.Protocol (no tags)", p => p.Ethernet.Vlans(2).Ipv4.Protocol, IpProtocol.Tcp, 38);
        Net("Ipv4.Version", p => p.Ipv4.Version, 4, 38);
        Net("Ipv4.IsPresent", p => B(p.Ipv4.IsPresent), 1, 38);
        Net("Ipv4.Tcp.IsPresent", p => B(p.Ipv4.Tcp.IsPresent), 1, 70);
        Net("Ipv4.Udp.IsPresent (over the TCP header)", p => B(p.Ipv4.Udp.IsPresent), 1, 46);
        Net("Ipv4.Icmp.IsPresent (over the TCP header)", p => B(p.Ipv4.Icmp.IsPresent), 1, 46);
        Net("Ipv4.Ihl", p => p.Ipv4.Ihl, 6, 38);
        Net("Ipv4.HeaderLength", p => (ulong)p.Ipv4.HeaderLength, 24, 38);
        Net("Ipv4.Tos", p => p.Ipv4.Tos, 0xb9, 38);
        Net("Ipv4.Dscp", p => p.Ipv4.Dscp, 46, 38);
        Net("Ipv4.Ecn", p => p.Ipv4.Ecn, 1, 38);
        Net("Ipv4.TotalLength", p => p.Ipv4.TotalLength, 72, 38);
        Net("Ipv4.Id", p => p.Ipv4.Id, 0x1234, 38);
        Net("Ipv4.Flags", p => p.Ipv4.Flags, 3, 38);
        Net("Ipv4.DontFragment", p => B(p.Ipv4.DontFragment), 1, 38);
        Net("Ipv4.MoreFragments", p => B(p.Ipv4.MoreFragments), 1, 38);
        Net("Ipv4.FragmentOffset", p => p.Ipv4.FragmentOffset, 0x1abc, 38);
        Net("Ipv4.IsFragment", p => B(p.Ipv4.IsFragment), 1, 38);
        Net("Ipv4.Ttl", p => p.Ipv4.Ttl, 64, 38);
        Net("Ipv4.Protocol", p => p.Ipv4.Protocol, IpProtocol.Tcp, 38);
        Net("Ipv4.Checksum", p => p.Ipv4.Checksum, 0xbeef, 38);
        Net("Ipv4.Source", p => p.Ipv4.Source, 0x0a000001, 38);
        Net("Ipv4.Destination", p => p.Ipv4.Destination, 0xc0a801c8, 38);
        Net("Ipv4.SourceIs(10.0.0.1)", p => B(p.Ipv4.SourceIs(IPAddress.Parse("10.0.0.1"))), 1, 38);
        Net("Ipv4.DestinationIn(192.168.0.0/16)", p => B(p.Ipv4.DestinationIn(IPNetwork.Parse("192.168.0.0/16"))), 1, 38);
        Net("Ipv4.Tcp.SourcePort", p => p.Ipv4.Tcp.SourcePort, 12345, 70);
        Net("Ipv4.Tcp.DestinationPort", p => p.Ipv4.Tcp.DestinationPort, 443, 70);
        Net("Ipv4.Tcp.Sequence", p => p.Ipv4.Tcp.Sequence, 0x01020304, 70);
        Net("Ipv4.Tcp.Acknowledgment", p => p.Ipv4.Tcp.Acknowledgment, 0xa0b0c0d0, 70);
        Net("Ipv4.Tcp.DataOffset", p => p.Ipv4.Tcp.DataOffset, 8, 70);
        Net("Ipv4.Tcp.HeaderLength", p => (ulong)p.Ipv4.Tcp.HeaderLength, 32, 70);
        Net("Ipv4.Tcp.Flags", p => p.Ipv4.Tcp.Flags, 0x12, 70);
        Net("Ipv4.Tcp.Syn", p => B(p.Ipv4.Tcp.Syn), 1, 70);
        Net("Ipv4.Tcp.Ack", p => B(p.Ipv4.Tcp.Ack), 1, 70);
        Net("Ipv4.Tcp.Fin", p => B(p.Ipv4.Tcp.Fin), 0, 70);
        Net("Ipv4.Tcp.Rst", p => B(p.Ipv4.Tcp.Rst), 0, 70);
        Net("Ipv4.Tcp.Psh", p => B(p.Ipv4.Tcp.Psh), 0, 70);
        Net("Ipv4.Tcp.Urg", p => B(p.Ipv4.Tcp.Urg), 0, 70);
        Net("Ipv4.Tcp.Window", p => p.Ipv4.Tcp.Window, 0x7210, 70);
        Net("Ipv4.Udp.Length (over the TCP header)", p => p.Ipv4.Udp.Length, 0x0102, 46);
        Net("Ipv4.Icmp.Type (over the TCP header)", p => p.Ipv4.Icmp.Type, 0x30, 46);

        frame = nameof(TestFrames.Ipv6Udp);
        Link("Ethernet.Destination", p => p.Ethernet.Destination, 0x020000000001, 14);
        Link("Ethernet.Source", p => p.Ethernet.Source, 0x020000000002, 14);
        Link("Ethernet.Type", p => p.Ethernet.Type, EtherType.IPv6, 14);
        Link("Ethernet.Ipv6.HopLimit", p => p.Ethernet.Ipv6.HopLimit, 255, 54);
        Net("Ipv6.Version", p => p.Ipv6.Version, 6, 54);
        Net("Ipv6.TrafficClass", p => p.Ipv6.TrafficClass, 0xab, 54);
        Net("Ipv6.FlowLabel", p => p.Ipv6.FlowLabel, 0xcdef1, 54);
        Net("Ipv6.PayloadLength", p => p.Ipv6.PayloadLength, 12, 54);
        Net("Ipv6.NextHeader", p => p.Ipv6.NextHeader, IpProtocol.Udp, 54);
        Net("Ipv6.HopLimit", p => p.Ipv6.HopLimit, 255, 54);
        Net("Ipv6.SourceIs(2001:db8::1)", p => B(p.Ipv6.SourceIs(s_v6Source)), 1, 54);
        Net("Ipv6.DestinationIs(fe80::1234:5678:9abc:def0)", p => B(p.Ipv6.DestinationIs(s_v6Destination)), 1, 54);
        Net("Ipv6.SourceIn(2001:db8::/32)", p => B(p.Ipv6.SourceIn(IPNetwork.Parse("2001:db8::/32"))), 1, 54);
        Net("Ipv6.DestinationIn(fe80::/10)", p => B(p.Ipv6.DestinationIn(IPNetwork.Parse("fe80::/10"))), 1, 54);
        Net("Ipv6.Udp.SourcePort", p => p.Ipv6.Udp.SourcePort, 53, 62);
        Net("Ipv6.Udp.DestinationPort", p => p.Ipv6.Udp.DestinationPort, 33000, 62);
        Net("Ipv6.Udp.Length", p => p.Ipv6.Udp.Length, 12, 62);
        Net("Ipv6.Udp.Checksum", p => p.Ipv6.Udp.Checksum, 0xabcd, 62);
        Net("Ipv6.Tcp.Sequence (12 bytes after the IPv6 header: absent)", p => p.Ipv6.Tcp.Sequence, 0, 74);
        Net("Ipv6.Tcp.IsPresent (12 bytes after the IPv6 header)", p => B(p.Ipv6.Tcp.IsPresent), 0, 74);
        Net("Ipv6.IsPresent", p => B(p.Ipv6.IsPresent), 1, 54);
        Net("Ipv6.Udp.IsPresent", p => B(p.Ipv6.Udp.IsPresent), 1, 62);

        frame = nameof(TestFrames.VlanIpv4Icmp);
        Link("Ethernet.Destination", p => p.Ethernet.Destination, 0xffffffffffff, 14);
        Link("Ethernet.Source", p => p.Ethernet.Source, 0x00005e005301, 14);
        Link("Ethernet.Type", p => p.Ethernet.Type, EtherType.Vlan, 14);
        // A tag counts once the header with it is whole (18 bytes): before that the type is the tag's TPID.
        Tags("Ethernet.Vlans(1).Type", p => p.Ethernet.Vlans(1).Type, n => n >= 18 ? EtherType.IPv4 : n >= 14 ? EtherType.Vlan : 0UL);
        Tags("Ethernet.Vlans(8).Type", p => p.Ethernet.Vlans(8).Type, n => n >= 18 ? EtherType.IPv4 : n >= 14 ? EtherType.Vlan : 0UL);
        Tags("Ethernet.Vlans(8).Count", p => (ulong)p.Ethernet.Vlans(8).Count, n => n >= 18 ? 1UL : 0UL);
        Link("Ethernet.Vlans(1).IsPresent", p => B(p.Ethernet.Vlans(1).IsPresent), 1, 14);
        Link("Ethernet.Vlans(1).Tag(0).IsPresent", p => B(p.Ethernet.Vlans(1).Tag(0).IsPresent), 1, 18);
        Link("Ethernet.Vlans(1).Tag(1).IsPresent (one tag skipped at most)", p => B(p.Ethernet.Vlans(1).Tag(1).IsPresent), 0, 18);
        Link("Ethernet.Vlans(1).Tag(0).Tci", p => p.Ethernet.Vlans(1).Tag(0).Tci, 0xb064, 18);
        Link("Ethernet.Vlans(1).Tag(0).Id", p => p.Ethernet.Vlans(1).Tag(0).Id, 100, 18);
        Link("Ethernet.Vlans(1).Tag(0).Priority", p => p.Ethernet.Vlans(1).Tag(0).Priority, 5, 18);
        Link("Ethernet.Vlans(1).Tag(0).DropEligible", p => B(p.Ethernet.Vlans(1).Tag(0).DropEligible), 1, 18);
        Link("Ethernet.Vlans(1).Ipv4.Version", p => p.Ethernet.Vlans(1).Ipv4.Version, 4, 38);
        Link("Ethernet.Vlans(1).Ipv4.Ihl", p => p.Ethernet.Vlans(1).Ipv4.Ihl, 5, 38);
        Link("Ethernet.Vlans(1).Ipv4.TotalLength", p => p.Ethernet.Vlans(1).Ipv4.TotalLength, 28, 38);
        Link("Ethernet.Vlans(1).Ipv4.Id", p => p.Ethernet.Vlans(1).Ipv4.Id, 1, 38);
        Link("Ethernet.Vlans(1).Ipv4.Flags", p => p.Ethernet.Vlans(1).Ipv4.Flags, 1, 38);
        Link("Ethernet.Vlans(1).Ipv4.MoreFragments", p => B(p.Ethernet.Vlans(1).Ipv4.MoreFragments), 1, 38);
        Link("Ethernet.Vlans(1).Ipv4.DontFragment", p => B(p.Ethernet.Vlans(1).Ipv4.DontFragment), 0, 38);
        Link("Ethernet.Vlans(1).Ipv4.IsFragment", p => B(p.Ethernet.Vlans(1).Ipv4.IsFragment), 1, 38);
        Link("Ethernet.Vlans(1).Ipv4.Ttl", p => p.Ethernet.Vlans(1).Ipv4.Ttl, 1, 38);
        Link("Ethernet.Vlans(1).Ipv4.Protocol", p => p.Ethernet.Vlans(1).Ipv4.Protocol, IpProtocol.Icmp, 38);
        Link("Ethernet.Vlans(1).Ipv4.Source", p => p.Ethernet.Vlans(1).Ipv4.Source, 0xc0000201, 38);
        Link("Ethernet.Vlans(1).Ipv4.Destination", p => p.Ethernet.Vlans(1).Ipv4.Destination, 0xc6336402, 38);
        Link("Ethernet.Vlans(1).Ipv4.SourceIn(192.0.2.0/24)", p => B(p.Ethernet.Vlans(1).Ipv4.SourceIn(IPNetwork.Parse("192.0.2.0/24"))), 1, 38);
        Link("Ethernet.Vlans(1).Ipv4.DestinationIs(198.51.100.2)", p => B(p.Ethernet.Vlans(1).Ipv4.DestinationIs(IPAddress.Parse("198.51.100.2"))), 1, 38);
        Link("Ethernet.Vlans(1).Ipv4.Icmp.Type", p => p.Ethernet.Vlans(1).Ipv4.Icmp.Type, 3, 46);
        Link("Ethernet.Vlans(1).Ipv4.Icmp.Code", p => p.Ethernet.Vlans(1).Ipv4.Icmp.Code, 13, 46);
        Link("Ethernet.Vlans(1).Ipv4.Icmp.Checksum", p => p.Ethernet.Vlans(1).Ipv4.Icmp.Checksum, 0xfcf2, 46);
        Link("Ethernet.Vlans(8).Ipv4.Icmp.Code", p => p.Ethernet.Vlans(8).Ipv4.Icmp.Code, 13, 46);
        // The TCI read as IPv4 has IHL 0: not a header.
        Net("Ipv4.TotalLength (tag not skipped: IHL 0, absent)", p => p.Ipv4.TotalLength, 0, 34);
        Net("Ipv4.Version (tag not skipped: IHL 0, absent)", p => p.Ipv4.Version, 0, 34);
        Net("Ipv4.IsPresent (tag not skipped: IHL 0)", p => B(p.Ipv4.IsPresent), 0, 34);

        frame = nameof(TestFrames.QinQIpv6Icmpv6);
        Link("Ethernet.Destination", p => p.Ethernet.Destination, 0x0180c200000e, 14);
        Link("Ethernet.Source", p => p.Ethernet.Source, 0x001b213c4d5e, 14);
        Link("Ethernet.Type", p => p.Ethernet.Type, EtherType.QinQ, 14);
        Tags("Ethernet.Vlans(1).Type", p => p.Ethernet.Vlans(1).Type, n => n >= 18 ? EtherType.Vlan : n >= 14 ? EtherType.QinQ : 0UL);
        Link("Ethernet.Vlans(1).Ipv6.Version (inner tag read as IPv6)", p => p.Ethernet.Vlans(1).Ipv6.Version, 6, 58);
        Tags("Ethernet.Vlans(2).Type", p => p.Ethernet.Vlans(2).Type, n => n >= 22 ? EtherType.IPv6 : n >= 18 ? EtherType.Vlan : n >= 14 ? EtherType.QinQ : 0UL);
        Link("Ethernet.Vlans(2).Tag(1).IsPresent", p => B(p.Ethernet.Vlans(2).Tag(1).IsPresent), 1, 22);
        Link("Ethernet.Vlans(2).Ipv6.IsPresent", p => B(p.Ethernet.Vlans(2).Ipv6.IsPresent), 1, 62);
        Link("Ethernet.Vlans(2).Ipv6.Icmpv6.IsPresent", p => B(p.Ethernet.Vlans(2).Ipv6.Icmpv6.IsPresent), 1, 70);
        Link("Ethernet.Vlans(2).Tag(0).Id", p => p.Ethernet.Vlans(2).Tag(0).Id, 10, 18);
        Link("Ethernet.Vlans(2).Tag(1).Tci", p => p.Ethernet.Vlans(2).Tag(1).Tci, 0x6014, 22);
        Link("Ethernet.Vlans(2).Tag(1).Id", p => p.Ethernet.Vlans(2).Tag(1).Id, 20, 22);
        Link("Ethernet.Vlans(2).Tag(1).Priority", p => p.Ethernet.Vlans(2).Tag(1).Priority, 3, 22);
        Link("Ethernet.Vlans(2).Ipv6.Version", p => p.Ethernet.Vlans(2).Ipv6.Version, 6, 62);
        Link("Ethernet.Vlans(2).Ipv6.TrafficClass", p => p.Ethernet.Vlans(2).Ipv6.TrafficClass, 0x01, 62);
        Link("Ethernet.Vlans(2).Ipv6.FlowLabel", p => p.Ethernet.Vlans(2).Ipv6.FlowLabel, 0x23456, 62);
        Link("Ethernet.Vlans(2).Ipv6.PayloadLength", p => p.Ethernet.Vlans(2).Ipv6.PayloadLength, 8, 62);
        Link("Ethernet.Vlans(2).Ipv6.NextHeader", p => p.Ethernet.Vlans(2).Ipv6.NextHeader, IpProtocol.Icmpv6, 62);
        Link("Ethernet.Vlans(2).Ipv6.HopLimit", p => p.Ethernet.Vlans(2).Ipv6.HopLimit, 64, 62);
        Link("Ethernet.Vlans(2).Ipv6.SourceIs(fe80::1)", p => B(p.Ethernet.Vlans(2).Ipv6.SourceIs(IPAddress.Parse("fe80::1"))), 1, 62);
        Link("Ethernet.Vlans(2).Ipv6.DestinationIs(ff02::1)", p => B(p.Ethernet.Vlans(2).Ipv6.DestinationIs(IPAddress.Parse("ff02::1"))), 1, 62);
        Link("Ethernet.Vlans(2).Ipv6.SourceIn(fe80::/64)", p => B(p.Ethernet.Vlans(2).Ipv6.SourceIn(IPNetwork.Parse("fe80::/64"))), 1, 62);
        Link("Ethernet.Vlans(2).Ipv6.DestinationIn(ff00::/8)", p => B(p.Ethernet.Vlans(2).Ipv6.DestinationIn(IPNetwork.Parse("ff00::/8"))), 1, 62);
        Link("Ethernet.Vlans(2).Ipv6.Icmpv6.Type", p => p.Ethernet.Vlans(2).Ipv6.Icmpv6.Type, 128, 70);
        Link("Ethernet.Vlans(2).Ipv6.Icmpv6.Checksum", p => p.Ethernet.Vlans(2).Ipv6.Icmpv6.Checksum, 0x1234, 70);
        Link("Ethernet.Vlans(3).Ipv6.Udp.Length (over ICMPv6 id)", p => p.Ethernet.Vlans(3).Ipv6.Udp.Length, 7, 70);
        Net("Ipv6.PayloadLength (tags not skipped)", p => p.Ipv6.PayloadLength, 0x6014, 54);
        return rows;
    }
}
