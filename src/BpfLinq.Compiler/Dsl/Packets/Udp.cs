namespace BpfLinq;

/// <summary>
/// A view of the 8-byte UDP header (<see cref="Ipv4.Udp"/> at the IPv4 header length,
/// <see cref="Ipv6.Udp"/> at byte 40). Header-granular: every field reads 0 unless all 8 bytes are in
/// the packet after a present IP header (<see cref="IsPresent"/>).
/// </summary>
public readonly struct Udp
{
    private readonly Packet _packet;
    private readonly int _anchor;

    internal Udp(Packet packet, int anchor)
    {
        _packet = packet;
        _anchor = packet.Whole(anchor, 8);
    }

    /// <summary>True when the IP header before it is present and all 8 bytes of this one are in the packet.</summary>
    public bool IsPresent => _anchor >= 0;

    /// <summary>The source port, the big-endian u16 at 0.</summary>
    public ushort SourcePort => (ushort)_packet.Read(_anchor, 0, 2);

    /// <summary>The destination port, the big-endian u16 at 2.</summary>
    public ushort DestinationPort => (ushort)_packet.Read(_anchor, 2, 2);

    /// <summary>The length of header and data, the big-endian u16 at 4.</summary>
    public ushort Length => (ushort)_packet.Read(_anchor, 4, 2);

    /// <summary>The checksum, the big-endian u16 at 6 (not verified).</summary>
    public ushort Checksum => (ushort)_packet.Read(_anchor, 6, 2);
}
