using System.Buffers.Binary;
using System.Net;

namespace BpfLinq;

/// <summary>
/// A view of the 40-byte IPv6 header (<see cref="Packet.Ipv6"/>, <see cref="Ethernet.Ipv6"/>,
/// <see cref="VlanTags.Ipv6"/>). Offsets below are from the header's first byte. Header-granular: every
/// field reads 0 unless all 40 bytes are in the packet (<see cref="IsPresent"/>), and the transport
/// views after an absent header are absent. Extension headers are not skipped: the transport views sit
/// at byte 40 whatever <see cref="NextHeader"/> says.
/// </summary>
public readonly struct Ipv6
{
    private const int HeaderLength = 40;

    private readonly Packet _packet;
    private readonly int _anchor;

    internal Ipv6(Packet packet, int anchor)
    {
        _packet = packet;
        _anchor = packet.Whole(anchor, HeaderLength);
    }

    /// <summary>True when all 40 bytes of the header are in the packet.</summary>
    public bool IsPresent => _anchor >= 0;

    /// <summary>The version, byte 0 &gt;&gt; 4 (6 for IPv6).</summary>
    public byte Version => (byte)(_packet.Read(_anchor, 0, 1) >> 4);

    /// <summary>The traffic class, bits 4–11 of the header: (the big-endian u16 at 0 &gt;&gt; 4) &amp; 0xFF.</summary>
    public byte TrafficClass => (byte)(_packet.Read(_anchor, 0, 2) >> 4);

    /// <summary>The 20-bit flow label: the big-endian u32 at 0 &amp; 0xFFFFF.</summary>
    public uint FlowLabel => (uint)_packet.Read(_anchor, 0, 4) & 0xFFFFF;

    /// <summary>The payload length (extension headers included), the big-endian u16 at 4.</summary>
    public ushort PayloadLength => (ushort)_packet.Read(_anchor, 4, 2);

    /// <summary>The next header (<see cref="IpProtocol"/> or an extension header), byte 6.</summary>
    public byte NextHeader => (byte)_packet.Read(_anchor, 6, 1);

    /// <summary>The hop limit, byte 7.</summary>
    public byte HopLimit => (byte)_packet.Read(_anchor, 7, 1);

    /// <summary>A TCP header at byte 40.</summary>
    public Tcp Tcp => new(_packet, Packet.After(_anchor, HeaderLength));

    /// <summary>A UDP header at byte 40.</summary>
    public Udp Udp => new(_packet, Packet.After(_anchor, HeaderLength));

    /// <summary>An ICMPv6 header at byte 40.</summary>
    public Icmp Icmpv6 => new(_packet, Packet.After(_anchor, HeaderLength));

    /// <summary>
    /// True when the source address, bytes 8–23 read as one 128-bit value, is <paramref name="address"/>.
    /// An absent header's addresses read as all zero (::).
    /// </summary>
    /// <param name="address">An IPv6 address (its scope id plays no part); in a lambda, captured or constant.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv6.</exception>
    public bool SourceIs(IPAddress address) => Address(8) == IpAddressValues.V6(address, nameof(address));

    /// <summary>True when the destination address, bytes 24–39 read as one 128-bit value (:: when the header is absent), is <paramref name="address"/>.</summary>
    /// <param name="address">An IPv6 address; in a lambda, captured or constant.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv6.</exception>
    public bool DestinationIs(IPAddress address) => Address(24) == IpAddressValues.V6(address, nameof(address));

    /// <summary>True when the first <c>PrefixLength</c> bits of the source address (bytes 8–23, :: when the header is absent) are <paramref name="network"/>'s.</summary>
    /// <param name="network">An IPv6 network; in a lambda, captured.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is not IPv6.</exception>
    public bool SourceIn(IPNetwork network) => IpAddressValues.Contains(network, Address(8), nameof(network));

    /// <summary>True when the first <c>PrefixLength</c> bits of the destination address (bytes 24–39, :: when the header is absent) are <paramref name="network"/>'s.</summary>
    /// <param name="network">An IPv6 network; in a lambda, captured.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is not IPv6.</exception>
    public bool DestinationIn(IPNetwork network) => IpAddressValues.Contains(network, Address(24), nameof(network));

    // An address is one 16-byte read (zero when the header is absent).
    private UInt128 Address(int offset) =>
        _packet.TrySlice(_anchor, offset, 16, out var bytes) ? BinaryPrimitives.ReadUInt128BigEndian(bytes) : UInt128.Zero;
}
