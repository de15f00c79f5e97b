namespace BpfLinq;

/// <summary>
/// A view of the first 4 bytes of an ICMP or ICMPv6 header (<see cref="Ipv4.Icmp"/> at the IPv4 header
/// length, <see cref="Ipv6.Icmpv6"/> at byte 40). Header-granular: every field reads 0 unless the
/// header's first 8 bytes (type, code, checksum and the 4-byte rest of header) are in the packet after a
/// present IP header (<see cref="IsPresent"/>).
/// </summary>
public readonly struct Icmp
{
    private readonly Packet _packet;
    private readonly int _anchor;

    internal Icmp(Packet packet, int anchor)
    {
        _packet = packet;
        _anchor = packet.Whole(anchor, 8);
    }

    /// <summary>True when the IP header before it is present and the first 8 bytes of this one are in the packet.</summary>
    public bool IsPresent => _anchor >= 0;

    /// <summary>The message type, byte 0 (ICMP: 8 echo request, 0 echo reply; ICMPv6: 128, 129).</summary>
    public byte Type => (byte)_packet.Read(_anchor, 0, 1);

    /// <summary>The message code, byte 1.</summary>
    public byte Code => (byte)_packet.Read(_anchor, 1, 1);

    /// <summary>The checksum, the big-endian u16 at 2 (not verified).</summary>
    public ushort Checksum => (ushort)_packet.Read(_anchor, 2, 2);
}
