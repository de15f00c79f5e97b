namespace BpfLinq;

/// <summary>
/// The VLAN tags <see cref="Ethernet.Vlans"/> skipped and what follows them. Tag <c>i</c> occupies
/// bytes <c>12 + 4i</c> to <c>15 + 4i</c> of the Ethernet header (TPID, TCI); the EtherType after
/// <see cref="Count"/> tags is at <c>12 + 4·Count</c> and the network header at <c>14 + 4·Count</c>.
/// The tags counted are whole, so the Ethernet header with its tags is whole whenever the Ethernet
/// header is present (<see cref="IsPresent"/>); every field reads 0 when it is not.
/// </summary>
public readonly struct VlanTags
{
    private readonly Packet _packet;
    private readonly int _ethernet;

    internal VlanTags(Packet packet, int ethernet, int count)
    {
        _packet = packet;
        _ethernet = ethernet;
        Count = count;
    }

    /// <summary>How many tags were present and skipped (0 to the <c>maxTags</c> given).</summary>
    public int Count { get; }

    /// <summary>True when the Ethernet header is present (<see cref="Ethernet.IsPresent"/>), and with it the <see cref="Count"/> tags.</summary>
    public bool IsPresent => _ethernet >= 0;

    /// <summary>The EtherType after the skipped tags (big-endian u16 at <c>12 + 4·Count</c>); <see cref="Ethernet.Type"/> when there are none.</summary>
    public ushort Type => (ushort)_packet.Read(_ethernet, 12 + (4 * Count), 2);

    /// <summary>An IPv4 header after the skipped tags (at <c>14 + 4·Count</c>).</summary>
    public Ipv4 Ipv4 => new(_packet, Packet.After(_ethernet, 14 + (4 * Count)));

    /// <summary>An IPv6 header after the skipped tags (at <c>14 + 4·Count</c>).</summary>
    public Ipv6 Ipv6 => new(_packet, Packet.After(_ethernet, 14 + (4 * Count)));

    /// <summary>Tag <paramref name="index"/>, 0 being the outermost; absent (all zero) when <paramref name="index"/> is <see cref="Count"/> or more.</summary>
    /// <param name="index">The tag's position; in a lambda, a constant.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public VlanTag Tag(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return index < Count ? new VlanTag((ushort)_packet.Read(_ethernet, 14 + (4 * index), 2), present: true) : default;
    }
}
