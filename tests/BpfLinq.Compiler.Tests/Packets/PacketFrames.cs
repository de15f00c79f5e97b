using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Packets;

/// <summary>
/// Generated frames for the packet differential test: Ethernet with 0–2 VLAN tags (802.1Q or
/// 802.1AD), then IPv4 (IHL 5–8, random options, flags and fragment offsets, TTL biased to 0, 1,
/// 64, 255; one in six malformed: IHL below 5 or 15), IPv6, ARP or an unknown EtherType; then TCP
/// (data offset 5–8, one in six malformed the same way, random flags), UDP,
/// ICMP/ICMPv6 or another protocol, with ports biased to 53, 80 and 443; random payload (sometimes
/// "GET "). A third of the frames are cut at a random length of at least 14 bytes.
/// </summary>
internal static class PacketFrames
{
    private static readonly ushort[] s_ports = [53, 80, 443, 8080, 0, 1, 65535];

    /// <summary><paramref name="count"/> frames for one program.</summary>
    public static Gen<byte[][]> Set(int count) => Frame().ArrayOf(count);

    /// <summary>One frame, maybe truncated.</summary>
    public static Gen<byte[]> Frame() =>
        from seed in Gen.Choose(0, int.MaxValue)
        select Build(new Random(seed));

    private static byte[] Build(Random r)
    {
        var frame = new List<byte> { 0x02, 0, 0, 0, 0, (byte)r.Next(3), 0x02, 0, 0, 0, 0, 1 };
        var tags = r.Next(4) switch { 0 => 1, 1 => 2, _ => 0 };
        for (var t = 0; t < tags; t++)
        {
            var tpid = r.Next(2) == 0 ? 0x8100 : 0x88A8;
            frame.AddRange([(byte)(tpid >> 8), (byte)tpid, (byte)r.Next(256), (byte)r.Next(256)]);
        }
        var kind = r.Next(10);
        var (type, network) = kind switch
        {
            < 6 => (0x0800, Ipv4(r)),
            < 8 => (0x86DD, Ipv6(r)),
            8 => (0x0806, Bytes(r, 28)),
            _ => (r.Next(0x10000), Bytes(r, r.Next(0, 60))),
        };
        frame.AddRange([(byte)(type >> 8), (byte)type]);
        frame.AddRange(network);
        var bytes = frame.ToArray();
        return r.Next(3) == 0 ? bytes[..r.Next(14, bytes.Length + 1)] : bytes;
    }

    private static byte[] Ipv4(Random r)
    {
        var ihl = r.Next(4) == 0 ? r.Next(5, 9) : 5;
        var protocol = new byte[] { 6, 6, 17, 17, 1, 47 }[r.Next(6)];
        var transport = Transport(r, protocol);
        var header = Bytes(r, ihl * 4);
        // Now and then a malformed header: IHL below 5, or one declaring more than is there.
        header[0] = (byte)(0x40 | (r.Next(12) switch { 0 => r.Next(0, 5), 1 => 15, _ => ihl }));
        var total = header.Length + transport.Length;
        (header[2], header[3]) = ((byte)(total >> 8), (byte)total);
        header[6] = r.Next(3) switch { 0 => 0x40, 1 => (byte)(0x20 | r.Next(0x20)), _ => 0 };
        header[7] = r.Next(3) == 0 ? (byte)r.Next(256) : (byte)0;
        header[8] = new byte[] { 0, 1, 64, 255, (byte)r.Next(256) }[r.Next(5)];
        header[9] = protocol;
        if (r.Next(2) == 0)
        {
            header[12] = 10; // 10.0.0.0/8 now and then
        }
        return [.. header, .. transport];
    }

    private static byte[] Ipv6(Random r)
    {
        var next = new byte[] { 6, 17, 58, 0 }[r.Next(4)];
        var transport = Transport(r, next == 58 ? (byte)1 : next);
        var header = Bytes(r, 40);
        header[0] = (byte)(0x60 | (header[0] & 0x0f));
        (header[4], header[5]) = ((byte)(transport.Length >> 8), (byte)transport.Length);
        header[6] = next;
        if (r.Next(2) == 0)
        {
            (header[24], header[25], header[26], header[27]) = (0x20, 0x01, 0x0d, 0xb8); // 2001:db8::/32
        }
        return [.. header, .. transport];
    }

    private static byte[] Transport(Random r, byte protocol)
    {
        var payload = r.Next(3) == 0 ? "GET / HTTP/1.1"u8.ToArray() : Bytes(r, r.Next(0, 24));
        switch (protocol)
        {
            case 6:
            {
                var offset = r.Next(4) == 0 ? r.Next(5, 9) : 5;
                var tcp = Bytes(r, offset * 4);
                Port(r, tcp, 0);
                Port(r, tcp, 2);
                tcp[12] = (byte)((r.Next(12) switch { 0 => r.Next(0, 5), 1 => 15, _ => offset }) << 4); // malformed now and then
                tcp[13] = new byte[] { 0x02, 0x10, 0x12, 0x18, (byte)r.Next(256) }[r.Next(5)];
                return [.. tcp, .. payload];
            }
            case 17:
            {
                var udp = Bytes(r, 8);
                Port(r, udp, 0);
                Port(r, udp, 2);
                return [.. udp, .. payload];
            }
            case 1:
                return [(byte)new[] { 0, 3, 8, 11 }[r.Next(4)], (byte)r.Next(4), .. Bytes(r, 6), .. payload];
            default:
                return payload;
        }
    }

    private static void Port(Random r, byte[] header, int at)
    {
        var port = r.Next(3) == 0 ? (ushort)r.Next(0x10000) : s_ports[r.Next(s_ports.Length)];
        (header[at], header[at + 1]) = ((byte)(port >> 8), (byte)port);
    }

    private static byte[] Bytes(Random r, int count)
    {
        var bytes = new byte[count];
        r.NextBytes(bytes);
        return bytes;
    }
}
