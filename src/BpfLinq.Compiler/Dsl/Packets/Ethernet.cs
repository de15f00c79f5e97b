namespace BpfLinq;

/// <summary>
/// A view of the 14-byte Ethernet header at the packet's link header (<see cref="Packet.Ethernet"/>):
/// destination and source MAC, then the EtherType. Header-granular: every field reads 0 unless all 14
/// bytes are in the packet (<see cref="IsPresent"/>), and the views after an absent header are absent.
/// </summary>
public readonly struct Ethernet
{
    private const int HeaderLength = 14;
    private const int MaxVlanTags = 8;

    private readonly Packet _packet;
    private readonly int _anchor;

    internal Ethernet(Packet packet, int anchor)
    {
        _packet = packet;
        _anchor = packet.Whole(anchor, HeaderLength);
    }

    /// <summary>True when all 14 bytes of the header are in the packet (false when the packet has no link header or is shorter).</summary>
    public bool IsPresent => _anchor >= 0;

    /// <summary>Bytes 0–5, the destination MAC as a 48-bit big-endian number: 00:11:22:33:44:55 reads 0x001122334455.</summary>
    public ulong Destination => _packet.Read(_anchor, 0, 6);

    /// <summary>Bytes 6–11, the source MAC as a 48-bit big-endian number.</summary>
    public ulong Source => _packet.Read(_anchor, 6, 6);

    /// <summary>Bytes 12–13 (big-endian): the outer EtherType (<see cref="EtherType"/>), a VLAN TPID when the frame is tagged.</summary>
    public ushort Type => (ushort)_packet.Read(_anchor, 12, 2);

    /// <summary>An IPv4 header right after this one (byte 14), whatever <see cref="Type"/> says.</summary>
    public Ipv4 Ipv4 => new(_packet, Packet.After(_anchor, HeaderLength));

    /// <summary>An IPv6 header right after this one (byte 14), whatever <see cref="Type"/> says.</summary>
    public Ipv6 Ipv6 => new(_packet, Packet.After(_anchor, HeaderLength));

    /// <summary>
    /// Skips up to <paramref name="maxTags"/> VLAN tags: tag <c>i</c> (from 0) is present when the
    /// previous ones are, the u16 at byte <c>12 + 4i</c> is <see cref="EtherType.Vlan"/> (802.1Q) or
    /// <see cref="EtherType.QinQ"/> (802.1AD), and the header with the tag is whole: all
    /// <c>18 + 4i</c> bytes (the tag's TPID and TCI and the EtherType after them) are in the packet. A tag
    /// cut short is not counted, as a header cut short is absent.
    /// </summary>
    /// <param name="maxTags">The most tags to skip, 1 to 8; in a lambda, a constant.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTags"/> is outside 1..8 (the compiler rejects the same).</exception>
    public VlanTags Vlans(int maxTags)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTags, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxTags, MaxVlanTags);
        var count = 0;
        while (count < maxTags && IsVlanTpid((ushort)_packet.Read(_anchor, 12 + (4 * count), 2)) && _packet.Whole(_anchor, 18 + (4 * count)) >= 0)
        {
            count++;
        }
        return new VlanTags(_packet, _anchor, count);
    }

    private static bool IsVlanTpid(ushort type) => type is EtherType.Vlan or EtherType.QinQ;
}
