using System.Text;
using static BpfLinq.Bench.Report.FrameBuilder;

namespace BpfLinq.Bench.Report;

/// <summary>
/// The frames every packet filter and its C twin run on (deterministic): a positive and a negative
/// case for each filter — IPv4 with and without options (IHL up to 15), IPv6 (with a hop-by-hop
/// header), TCP (options up to a data offset of 15), UDP, ICMP, 802.1Q, QinQ and triple tags,
/// fragments, TTL, DSCP and address edges, ARP, Ethernet padding, a lying total length, sixteen
/// flows that sweep the sample hash — and every truncation of each down to the 14-byte Ethernet header.
/// </summary>
internal static class PacketFrames
{
    private static readonly byte[] s_dnsQuery = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, .. "example"u8, 3, .. "com"u8, 0, 0, 1, 0, 1];

    /// <summary>The whole frames.</summary>
    public static IReadOnlyList<NamedFrame> Whole { get; } = [.. Build()];

    /// <summary>The whole frames and every truncation of each (lengths 14 up to the whole).</summary>
    public static IReadOnlyList<NamedFrame> All { get; } =
    [
        .. Whole.SelectMany(f => Enumerable.Range(14, f.Bytes.Length - 14)
            .Select(length => new NamedFrame($"{f.Name}[..{length}]", f.Bytes[..length]))
            .Append(f)),
    ];

    /// <summary>The whole frame named <paramref name="name"/>.</summary>
    public static byte[] Named(string name) =>
        Whole.FirstOrDefault(f => f.Name == name)?.Bytes ?? throw new ArgumentException($"no frame named '{name}'", nameof(name));

    private static IEnumerable<NamedFrame> Build()
    {
        NamedFrame V4(string name, byte[] ipv4, params (ushort, ushort)[] tags) => new(name, Ethernet(EtherType.IPv4, ipv4, tags));
        NamedFrame V6(string name, byte[] ipv6, params (ushort, ushort)[] tags) => new(name, Ethernet(EtherType.IPv6, ipv6, tags));
        byte[] Text(string s) => Encoding.ASCII.GetBytes(s);
        byte[] Bytes(int count, byte fill) => Enumerable.Repeat(fill, count).ToArray();

        // TCP: ports, flags, IHL and data offset, range and whitelist edges, sources around 10/8.
        yield return V4("tcp 80 syn", Ipv4(IpProtocol.Tcp, Tcp(40000, 80, Syn)));
        yield return V4("tcp 443 ack, ip options", Ipv4(IpProtocol.Tcp, Tcp(40001, 443, Ack, Bytes(24, 0x17)), source: "192.168.1.7", optionWords: 2));
        yield return V4("tcp 443 syn, ihl 15", Ipv4(IpProtocol.Tcp, Tcp(40004, 443, Syn), optionWords: 10));
        yield return V4("tcp 22 psh ack", Ipv4(IpProtocol.Tcp, Tcp(40005, 22, Psh | Ack, Bytes(32, 0x5a)), source: "172.16.0.9"));
        yield return V4("tcp 8000 syn", Ipv4(IpProtocol.Tcp, Tcp(40006, 8000, Syn)));
        yield return V4("tcp 8080 syn", Ipv4(IpProtocol.Tcp, Tcp(40007, 8080, Syn), source: "10.9.9.9"));
        yield return V4("tcp 8443 syn ack", Ipv4(IpProtocol.Tcp, Tcp(8443, 8443, Syn | Ack)));
        yield return V4("tcp 8999 syn fin", Ipv4(IpProtocol.Tcp, Tcp(40008, 8999, Syn | Fin)));
        yield return V4("tcp 9000 syn", Ipv4(IpProtocol.Tcp, Tcp(40009, 9000, Syn)));
        yield return V4("tcp 9999 syn", Ipv4(IpProtocol.Tcp, Tcp(40010, 9999, Syn)));
        yield return V4("tcp 27017 syn", Ipv4(IpProtocol.Tcp, Tcp(40011, 27017, Syn)));
        yield return V4("source 11.0.0.1", Ipv4(IpProtocol.Tcp, Tcp(40012, 80, Syn), source: "11.0.0.1"));
        yield return V4("source 9.255.255.255", Ipv4(IpProtocol.Tcp, Tcp(40013, 80, Syn), source: "9.255.255.255"));

        // HTTP payloads behind variable-length headers.
        yield return V4("http get, tcp options", Ipv4(IpProtocol.Tcp, Tcp(40020, 80, Psh | Ack, Text("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n"), optionWords: 3)));
        yield return V4("http get, ip options", Ipv4(IpProtocol.Tcp, Tcp(40021, 80, Psh | Ack, Text("GET / HTTP/1.0\r\n\r\n")), optionWords: 1));
        yield return V4("http get, doff 15", Ipv4(IpProtocol.Tcp, Tcp(40022, 8080, Psh | Ack, Text("GET /x"), optionWords: 10)));
        yield return V4("http post", Ipv4(IpProtocol.Tcp, Tcp(40023, 80, Psh | Ack, Text("POST /form HTTP/1.1\r\n\r\n"))));
        yield return V4("http 'GET' without the space", Ipv4(IpProtocol.Tcp, Tcp(40024, 80, Psh | Ack, Text("GET"))));

        // UDP, DSCP and TTL.
        yield return V4("udp dns", Ipv4(IpProtocol.Udp, Udp(53000, 53, s_dnsQuery)));
        yield return V4("udp 123 ntp", Ipv4(IpProtocol.Udp, Udp(123, 123, Bytes(48, 0x23))));
        yield return V4("udp 4789 vxlan", Ipv4(IpProtocol.Udp, Udp(49152, 4789, Bytes(16, 0x08))));
        yield return V4("udp dscp ef", Ipv4(IpProtocol.Udp, Udp(5004, 5004, Bytes(40, 0x80)), tos: 0xb8));
        yield return V4("udp dscp af41", Ipv4(IpProtocol.Udp, Udp(5004, 5004, Bytes(40, 0x80)), tos: 0x88));
        yield return V4("udp dscp ef ecn 1", Ipv4(IpProtocol.Udp, Udp(5004, 5004, Bytes(40, 0x80)), tos: 0xb9));
        yield return V4("udp ttl 1", Ipv4(IpProtocol.Udp, Udp(33434, 33434, Bytes(8, 0)), ttl: 1));
        yield return V4("udp ttl 4", Ipv4(IpProtocol.Udp, Udp(33435, 33435, Bytes(8, 0)), ttl: 4));
        yield return V4("udp ttl 5", Ipv4(IpProtocol.Udp, Udp(33436, 33436, Bytes(8, 0)), ttl: 5));

        // Fragments.
        yield return V4("fragment, more fragments", Ipv4(IpProtocol.Udp, Udp(53001, 53, Bytes(64, 0x33)), flagsAndOffset: 0x2000));
        yield return V4("fragment, offset 185", Ipv4(IpProtocol.Udp, Bytes(64, 0x44), flagsAndOffset: 0x00b9));
        yield return V4("fragment, df and offset 1", Ipv4(IpProtocol.Tcp, Bytes(24, 0x55), flagsAndOffset: 0x4001));

        // ICMP.
        yield return V4("icmp echo request", Ipv4(IpProtocol.Icmp, Icmp(8, 0, Bytes(32, 0x61))));
        yield return V4("icmp echo request, ip options", Ipv4(IpProtocol.Icmp, Icmp(8, 0, Bytes(32, 0x61)), optionWords: 1));
        yield return V4("icmp echo reply", Ipv4(IpProtocol.Icmp, Icmp(0, 0, Bytes(32, 0x61))));

        // IPv6.
        yield return V6("ipv6 udp dns", Ipv6(IpProtocol.Udp, Udp(53002, 53, s_dnsQuery)));
        yield return V6("ipv6 tcp 443", Ipv6(IpProtocol.Tcp, Tcp(40030, 443, Syn), source: "2001:db8:1::2"));
        yield return V6("ipv6 hop limit 1", Ipv6(IpProtocol.Udp, Udp(53003, 53, s_dnsQuery), hopLimit: 1));
        yield return V6("ipv6 link-local udp 5353", Ipv6(IpProtocol.Udp, Udp(5353, 5353, s_dnsQuery), source: "fe80::1", destination: "ff02::fb"));
        yield return V6("ipv6 hop-by-hop udp 53", Ipv6(0, HopByHop(IpProtocol.Udp, Udp(53004, 53, s_dnsQuery))));
        yield return V6("ipv6 icmpv6 echo", Ipv6(IpProtocol.Icmpv6, Icmp(128, 0, Bytes(16, 0x62)), source: "2001:db9::1"));

        // VLAN tags: one, two (802.1AD outside 802.1Q), three (one more than the filters skip).
        yield return V4("vlan udp 4789", Ipv4(IpProtocol.Udp, Udp(49153, 4789, Bytes(16, 0x08))), (EtherType.Vlan, 100));
        yield return V4("qinq udp 4789", Ipv4(IpProtocol.Udp, Udp(49154, 4789, Bytes(16, 0x08)), optionWords: 1), (EtherType.QinQ, 200), (EtherType.Vlan, 100));
        yield return V4("3 tags udp 4789", Ipv4(IpProtocol.Udp, Udp(49155, 4789, Bytes(16, 0x08))), (EtherType.QinQ, 300), (EtherType.Vlan, 200), (EtherType.Vlan, 100));
        yield return V4("vlan udp 53", Ipv4(IpProtocol.Udp, Udp(53005, 53, s_dnsQuery)), (EtherType.Vlan, 0xa064));
        yield return V4("vlan tcp 80 syn", Ipv4(IpProtocol.Tcp, Tcp(40040, 80, Syn)), (EtherType.Vlan, 100));
        yield return V6("vlan ipv6 udp 4789", Ipv6(IpProtocol.Udp, Udp(49156, 4789, Bytes(16, 0x08))), (EtherType.Vlan, 100));

        // Not IP, and lengths that disagree with the header.
        yield return new("arp request", Ethernet(EtherType.Arp, [0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 10, 1, 2, 4]));
        yield return new("udp padded to 60 bytes", [.. Ethernet(EtherType.IPv4, Ipv4(IpProtocol.Udp, Udp(1000, 2000, Bytes(4, 0x11)))), .. new byte[14]]);
        yield return V4("ipv4 total length 1500 on a short frame", Ipv4(IpProtocol.Udp, Udp(1001, 2001, Bytes(20, 0x12)), totalLength: 1500));

        // Sixteen flows whose sample hash takes every value of its low nibble (the source port's).
        for (var i = 0; i < 16; i++)
        {
            yield return V4($"udp flow {i}", Ipv4(IpProtocol.Udp, Udp((ushort)(50000 + i), 443, Bytes(16, (byte)i))));
        }
    }
}
