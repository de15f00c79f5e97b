using System.Net;

namespace BpfLinq;

/// <summary>
/// A view of an IPv4 header (<see cref="Packet.Ipv4"/>, <see cref="Ethernet.Ipv4"/>,
/// <see cref="VlanTags.Ipv4"/>). Offsets below are from the header's first byte. Header-granular: every
/// field reads 0 unless the whole header is in the packet (<see cref="IsPresent"/>: IHL &gt;= 5 and the
/// IHL-declared length, options included, before the end), so a header cut short or with IHL below 5
/// reads 0 everywhere, and so do the transport views after it. The version is not checked: test
/// <see cref="Version"/> or the EtherType first.
/// </summary>
public readonly struct Ipv4
{
    private readonly Packet _packet;
    private readonly int _anchor;

    internal Ipv4(Packet packet, int anchor)
    {
        _packet = packet;
        _anchor = IsWhole(packet, anchor) ? anchor : -1;
    }

    /// <summary>True when the whole header is in the packet: 20 bytes, IHL &gt;= 5, and the IHL · 4 bytes it declares (false on a frame without one, or cut short).</summary>
    public bool IsPresent => _anchor >= 0;

    /// <summary>The version, byte 0 &gt;&gt; 4 (4 for IPv4).</summary>
    public byte Version => (byte)(U8(0) >> 4);

    /// <summary>The header length in 32-bit words, byte 0 &amp; 0xF (5 without options).</summary>
    public byte Ihl => (byte)(U8(0) & 0xF);

    /// <summary>The header length in bytes, <see cref="Ihl"/> · 4: 20 to 60 when present, 0 when not. The transport views sit here.</summary>
    public int HeaderLength => Ihl * 4;

    /// <summary>The type of service, byte 1.</summary>
    public byte Tos => U8(1);

    /// <summary>The differentiated services code point, <see cref="Tos"/> &gt;&gt; 2.</summary>
    public byte Dscp => (byte)(Tos >> 2);

    /// <summary>The explicit congestion notification bits, <see cref="Tos"/> &amp; 3.</summary>
    public byte Ecn => (byte)(Tos & 3);

    /// <summary>The total length (header and data), the big-endian u16 at 2.</summary>
    public ushort TotalLength => U16(2);

    /// <summary>The identification, the big-endian u16 at 4.</summary>
    public ushort Id => U16(4);

    /// <summary>The three flag bits (reserved, DF, MF), the big-endian u16 at 6 &gt;&gt; 13.</summary>
    public byte Flags => (byte)(U16(6) >> 13);

    /// <summary>Don't fragment: bit 0x4000 of the big-endian u16 at 6.</summary>
    public bool DontFragment => (U16(6) & 0x4000) != 0;

    /// <summary>More fragments: bit 0x2000 of the big-endian u16 at 6.</summary>
    public bool MoreFragments => (U16(6) & 0x2000) != 0;

    /// <summary>The fragment offset in 8-byte units, the big-endian u16 at 6 &amp; 0x1FFF.</summary>
    public ushort FragmentOffset => (ushort)(U16(6) & 0x1FFF);

    /// <summary>True for any fragment but a whole datagram: <see cref="MoreFragments"/> or a non-zero <see cref="FragmentOffset"/> (the u16 at 6 &amp; 0x3FFF is not 0).</summary>
    public bool IsFragment => (U16(6) & 0x3FFF) != 0;

    /// <summary>The time to live, byte 8.</summary>
    public byte Ttl => U8(8);

    /// <summary>The protocol of the payload (<see cref="IpProtocol"/>), byte 9.</summary>
    public byte Protocol => U8(9);

    /// <summary>The header checksum, the big-endian u16 at 10 (not verified).</summary>
    public ushort Checksum => U16(10);

    /// <summary>The source address, the big-endian u32 at 12: 10.0.0.1 reads 0x0A000001.</summary>
    public uint Source => U32(12);

    /// <summary>The destination address, the big-endian u32 at 16.</summary>
    public uint Destination => U32(16);

    /// <summary>A TCP header after this one, at <see cref="HeaderLength"/> (options skipped).</summary>
    public Tcp Tcp => new(_packet, Transport);

    /// <summary>A UDP header after this one, at <see cref="HeaderLength"/>.</summary>
    public Udp Udp => new(_packet, Transport);

    /// <summary>An ICMP header after this one, at <see cref="HeaderLength"/>.</summary>
    public Icmp Icmp => new(_packet, Transport);

    private int Transport => Packet.After(_anchor, HeaderLength);

    /// <summary>True when <see cref="Source"/> is <paramref name="address"/> (so a source cut off by the end of the packet, read as 0, is 0.0.0.0).</summary>
    /// <param name="address">An IPv4 address; in a lambda, captured or constant.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv4.</exception>
    public bool SourceIs(IPAddress address) => Source == IpAddressValues.V4(address, nameof(address));

    /// <summary>True when <see cref="Destination"/> is <paramref name="address"/> (0.0.0.0 when cut off).</summary>
    /// <param name="address">An IPv4 address; in a lambda, captured or constant.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv4.</exception>
    public bool DestinationIs(IPAddress address) => Destination == IpAddressValues.V4(address, nameof(address));

    /// <summary>True when the first <c>PrefixLength</c> bits of <see cref="Source"/> are <paramref name="network"/>'s (0.0.0.0 when cut off).</summary>
    /// <param name="network">An IPv4 network; in a lambda, captured.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is not IPv4.</exception>
    public bool SourceIn(IPNetwork network) => IpAddressValues.Contains(network, Source, nameof(network));

    /// <summary>True when the first <c>PrefixLength</c> bits of <see cref="Destination"/> are <paramref name="network"/>'s (0.0.0.0 when cut off).</summary>
    /// <param name="network">An IPv4 network; in a lambda, captured.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is not IPv4.</exception>
    public bool DestinationIn(IPNetwork network) => IpAddressValues.Contains(network, Destination, nameof(network));

    // 20 bytes, IHL >= 5, and the IHL-declared length.
    private static bool IsWhole(Packet packet, int anchor)
    {
        var ihl = packet.Whole(anchor, 20) < 0 ? 0 : (int)packet.Read(anchor, 0, 1) & 0xF;
        return ihl >= 5 && packet.Whole(anchor, ihl * 4) >= 0;
    }

    private byte U8(int offset) => (byte)_packet.Read(_anchor, offset, 1);

    private ushort U16(int offset) => (ushort)_packet.Read(_anchor, offset, 2);

    private uint U32(int offset) => (uint)_packet.Read(_anchor, offset, 4);
}
