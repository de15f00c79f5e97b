using System.Buffers.Binary;
using System.Net;

namespace BpfLinq;

/// <summary>
/// A view of the 40-byte IPv6 header (<see cref="Packet.Ipv6"/>, <see cref="Ethernet.Ipv6"/>,
/// <see cref="VlanTags.Ipv6"/>). Offsets below are from the header's first byte; each field reads 0
/// when any of its bytes lies beyond the end of the packet. Extension headers are not skipped: the
/// transport views sit at byte 40 whatever <see cref="NextHeader"/> says.
/// </summary>
public readonly struct Ipv6
{
    private const int HeaderLength = 40;

    private readonly Packet _packet;
    private readonly int _anchor;

    internal Ipv6(Packet packet, int anchor)
    {
        _packet = packet;
        _anchor = anchor;
    }

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
    /// The address is one read: when any of its 16 bytes lies beyond the end it reads as all zero (::).
    /// </summary>
    /// <param name="address">An IPv6 address (its scope id plays no part); in a lambda, captured or constant.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv6.</exception>
    public bool SourceIs(IPAddress address) => Address(8) == IpAddressValues.V6(address, nameof(address));

    /// <summary>True when the destination address, bytes 24–39 read as one 128-bit value (:: when any byte lies beyond the end), is <paramref name="address"/>.</summary>
    /// <param name="address">An IPv6 address; in a lambda, captured or constant.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not IPv6.</exception>
    public bool DestinationIs(IPAddress address) => Address(24) == IpAddressValues.V6(address, nameof(address));

    /// <summary>True when the first <c>PrefixLength</c> bits of the source address (bytes 8–23, :: when any lies beyond the end) are <paramref name="network"/>'s.</summary>
    /// <param name="network">An IPv6 network; in a lambda, captured.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is not IPv6.</exception>
    public bool SourceIn(IPNetwork network) => IpAddressValues.Contains(network, Address(8), nameof(network));

    /// <summary>True when the first <c>PrefixLength</c> bits of the destination address (bytes 24–39, :: when any lies beyond the end) are <paramref name="network"/>'s.</summary>
    /// <param name="network">An IPv6 network; in a lambda, captured.</param>
    /// <exception cref="ArgumentException"><paramref name="network"/> is not IPv6.</exception>
    public bool DestinationIn(IPNetwork network) => IpAddressValues.Contains(network, Address(24), nameof(network));

    // An address is one 16-byte read: all of it or zero.
    private UInt128 Address(int offset) =>
        _packet.TrySlice(_anchor, offset, 16, out var bytes) ? BinaryPrimitives.ReadUInt128BigEndian(bytes) : UInt128.Zero;
}
