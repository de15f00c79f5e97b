using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Golden;

/// <summary>
/// The named inputs golden programs run on (the selftests' __retval idea): a frame and the ctx_in
/// fields, from which the test-run model predicts the context the program sees.
/// </summary>
internal static class GoldenInputs
{
    // EtherType 0x88b5 (local experimental): any payload length is a valid frame for every kind.
    private static byte[] Frame(int payload, byte fill) =>
        [.. new byte[] { 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0x88, 0xb5 }, .. Enumerable.Repeat(fill, payload)];

    /// <summary>The inputs, by name, in a stable order.</summary>
    public static IReadOnlyList<(string Name, TestRunInput Input)> All { get; } =
    [
        ("tiny", TestRunInput.OfFrame(Frame(2, 0xaa))),
        ("small", new TestRunInput(Frame(46, 0x5a), new SkBuff { Mark = 7, Priority = 3, Cb = [1, 2, 3, 4, 5] }, new XdpMd { IngressIfindex = 1 })),
        ("edges", new TestRunInput(Frame(200, 0xff), new SkBuff { Mark = 0xffffffff, Priority = 0x80000000, Cb = [0x7fffffff, 0xffffffff, 0x80000001, 64, 33] }, new XdpMd { IngressIfindex = 1 })),
        ("mixed", new TestRunInput(Frame(1000, 0x11), new SkBuff { Mark = 1500, Priority = 6, Cb = [100, 7, 0, 0xfffffff9, 0x10000] }, new XdpMd { IngressIfindex = 1 })),
    ];

    /// <summary>
    /// Real frames for the packet cases: TCP to ports 80 and 443 (the second with IP options), DNS
    /// over IPv4 and IPv6, an ICMP echo request, a VLAN-tagged DNS query, an IPv4 header whose TCP header is missing (every TCP read
    /// lies beyond the packet) and ARP. Every kind's test run accepts them all.
    /// </summary>
    public static IReadOnlyList<(string Name, TestRunInput Input)> Packets { get; } =
    [
        ("tcp80-syn", TestRunInput.OfFrame(Ipv4Frame(ihl: 5, protocol: 6, Tcp(80, flags: 0x02)))),
        ("tcp443-options", TestRunInput.OfFrame(Ipv4Frame(ihl: 6, protocol: 6, Tcp(443, flags: 0x10)))),
        ("dns-ipv4", TestRunInput.OfFrame(Ipv4Frame(ihl: 5, protocol: 17, Udp(53)))),
        ("dns-ipv6", TestRunInput.OfFrame(Ipv6Frame(nextHeader: 17, Udp(53)))),
        ("icmp-echo", TestRunInput.OfFrame(Ipv4Frame(ihl: 5, protocol: 1, [8, 0, 0xf7, 0xff, 0, 1, 0, 1]))),
        ("vlan-dns", TestRunInput.OfFrame(Tagged(Ipv4Frame(ihl: 5, protocol: 17, Udp(53))))),
        ("tcp-missing", TestRunInput.OfFrame(Ipv4Frame(ihl: 5, protocol: 6, []))),
        ("arp", TestRunInput.OfFrame([.. Ethernet(0x0806), .. Enumerable.Repeat((byte)0x11, 28)])),
    ];

    private static byte[] Ethernet(ushort type) => [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, (byte)(type >> 8), (byte)type];

    // IPv4 from 10.0.0.1 to 192.168.1.20, TTL 64, DF, with (ihl - 5) words of NOP options.
    private static byte[] Ipv4Frame(int ihl, byte protocol, byte[] payload)
    {
        var header = new byte[ihl * 4];
        header[0] = (byte)(0x40 | ihl);
        var total = header.Length + payload.Length;
        (header[2], header[3]) = ((byte)(total >> 8), (byte)total);
        (header[4], header[5]) = (0x12, 0x34);
        header[6] = 0x40;
        header[8] = 64;
        header[9] = protocol;
        byte[] addresses = [10, 0, 0, 1, 192, 168, 1, 20];
        addresses.CopyTo(header, 12);
        for (var k = 20; k < header.Length; k++)
        {
            header[k] = 1; // NOP
        }
        return [.. Ethernet(0x0800), .. header, .. payload];
    }

    // IPv6 from 2001:db8::1 to 2001:db8::53, hop limit 64, flow label 0x12345.
    private static byte[] Ipv6Frame(byte nextHeader, byte[] payload)
    {
        var header = new byte[40];
        (header[0], header[1], header[2], header[3]) = (0x60, 0x01, 0x23, 0x45);
        (header[4], header[5]) = ((byte)(payload.Length >> 8), (byte)payload.Length);
        header[6] = nextHeader;
        header[7] = 64;
        byte[] prefix = [0x20, 0x01, 0x0d, 0xb8];
        prefix.CopyTo(header, 8);
        header[23] = 1;
        prefix.CopyTo(header, 24);
        header[39] = 0x53;
        return [.. Ethernet(0x86dd), .. header, .. payload];
    }

    private static byte[] Tcp(ushort port, byte flags) =>
        [0xc0, 0x01, (byte)(port >> 8), (byte)port, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0, .. "GET / HTTP/1.1\r\n"u8];

    private static byte[] Udp(ushort port) => [0xd4, 0x31, (byte)(port >> 8), (byte)port, 0, 20, 0, 0, 0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];

    // One 802.1Q tag (VLAN 100, priority 5) between the addresses and the EtherType.
    private static byte[] Tagged(byte[] frame) => [.. frame[..12], 0x81, 0x00, 0xa0, 0x64, .. frame[12..]];
}
