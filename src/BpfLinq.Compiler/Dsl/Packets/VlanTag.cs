namespace BpfLinq;

/// <summary>
/// One VLAN tag (<see cref="VlanTags.Tag"/>): the tag control information after its TPID. The TCI is
/// the big-endian u16 at byte <c>14 + 4i</c> of the Ethernet header for tag <c>i</c>, 0 when it lies
/// beyond the end of the packet; a tag that is not there is all zero.
/// </summary>
public readonly struct VlanTag
{
    internal VlanTag(ushort tci) => Tci = tci;

    /// <summary>The tag control information: priority (3 bits), drop eligible (1 bit), VLAN id (12 bits).</summary>
    public ushort Tci { get; }

    /// <summary>The VLAN id, <c>Tci &amp; 0xFFF</c>.</summary>
    public ushort Id => (ushort)(Tci & 0xFFF);

    /// <summary>The priority code point, <c>Tci &gt;&gt; 13</c>.</summary>
    public byte Priority => (byte)(Tci >> 13);

    /// <summary>The drop eligible indicator, bit 12 of <see cref="Tci"/>.</summary>
    public bool DropEligible => ((Tci >> 12) & 1) != 0;
}
