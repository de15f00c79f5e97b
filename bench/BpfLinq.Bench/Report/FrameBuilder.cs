using System.Buffers.Binary;
using System.Net;

namespace BpfLinq.Bench.Report;

/// <summary>
/// Builds well-formed frames layer by layer (each method returns the bytes of its header followed by
/// the payload it is given): Ethernet with any VLAN tags, IPv4 with options and a correct header
/// checksum, IPv6, TCP with options, UDP, ICMP. Transport checksums are left 0: no filter reads them.
/// </summary>
internal static class FrameBuilder
{
    private static readonly byte[] s_destination = [0x02, 0, 0, 0, 0, 0x02];
    private static readonly byte[] s_source = [0x02, 0, 0, 0, 0, 0x01];

    /// <summary>TCP flag bits.</summary>
    public const byte Fin = 0x01, Syn = 0x02, Psh = 0x08, Ack = 0x10;

    /// <summary>An Ethernet frame: addresses, then each (TPID, TCI) tag, then <paramref name="type"/> and the payload.</summary>
    public static byte[] Ethernet(ushort type, byte[] payload, params (ushort Tpid, ushort Tci)[] tags)
    {
        var header = new List<byte>(s_destination.Concat(s_source));
        foreach (var (tpid, tci) in tags)
        {
            header.AddRange(BigEndian(tpid));
            header.AddRange(BigEndian(tci));
        }
        header.AddRange(BigEndian(type));
        return [.. header, .. payload];
    }

    /// <summary>An IPv4 packet; <paramref name="optionWords"/> 4-byte words of NOP options make IHL 5 + that.</summary>
    public static byte[] Ipv4(byte protocol, byte[] payload, string source = "10.1.2.3", string destination = "192.168.1.20",
        byte ttl = 64, byte tos = 0, ushort flagsAndOffset = 0x4000, int optionWords = 0, int? totalLength = null)
    {
        var header = new byte[20 + (4 * optionWords)];
        header[0] = (byte)(0x40 | (5 + optionWords));
        header[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(totalLength ?? header.Length + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 0x1c46);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), flagsAndOffset);
        header[8] = ttl;
        header[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(header, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(header, 16);
        header.AsSpan(20).Fill(0x01); // NOP options
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), Checksum(header));
        return [.. header, .. payload];
    }

    /// <summary>An IPv6 packet (no extension headers unless <paramref name="nextHeader"/> and the payload hold them).</summary>
    public static byte[] Ipv6(byte nextHeader, byte[] payload, string source = "2001:db8::1", string destination = "2001:db8::53", byte hopLimit = 64)
    {
        var header = new byte[40];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x6000_0000 | 0x12345);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)payload.Length);
        header[6] = nextHeader;
        header[7] = hopLimit;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(header, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(header, 24);
        return [.. header, .. payload];
    }

    /// <summary>A hop-by-hop options extension header (8 bytes, PadN) before <paramref name="payload"/>.</summary>
    public static byte[] HopByHop(byte nextHeader, byte[] payload) => [nextHeader, 0, 1, 4, 0, 0, 0, 0, .. payload];

    /// <summary>A TCP segment; <paramref name="optionWords"/> 4-byte words of NOP options make the data offset 5 + that.</summary>
    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, byte flags, byte[]? payload = null, int optionWords = 0)
    {
        var header = new byte[20 + (4 * optionWords)];
        BinaryPrimitives.WriteUInt16BigEndian(header, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 0x1000_0000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), (flags & Ack) != 0 ? 0x2000_0000u : 0);
        header[12] = (byte)((5 + optionWords) << 4);
        header[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 64240);
        header.AsSpan(20).Fill(0x01);
        return [.. header, .. payload ?? []];
    }

    /// <summary>A UDP datagram.</summary>
    public static byte[] Udp(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(8 + payload.Length));
        return [.. header, .. payload];
    }

    /// <summary>An ICMP message: type, code, checksum 0, identifier 1, sequence 1, then the payload.</summary>
    public static byte[] Icmp(byte type, byte code, byte[] payload) => [type, code, 0, 0, 0, 1, 0, 1, .. payload];

    private static byte[] BigEndian(ushort value) => [(byte)(value >> 8), (byte)value];

    // The Internet checksum of a header whose checksum field is still 0.
    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
