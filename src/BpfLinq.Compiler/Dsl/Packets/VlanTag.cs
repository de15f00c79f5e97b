namespace BpfLinq;

/// <summary>
/// One VLAN tag (<see cref="VlanTags.Tag"/>): the tag control information after its TPID. The TCI is
/// the big-endian u16 at byte <c>14 + 4i</c> of the Ethernet header for tag <c>i</c>. A tag that is not
/// there is absent (<see cref="IsPresent"/> false) and all zero; a present tag may be all zero too (a
/// priority tag).
/// </summary>
public readonly struct VlanTag
{
    internal VlanTag(ushort tci, bool present)
    {
        Tci = tci;
        IsPresent = present;
    }

    /// <summary>True when the tag was counted (its index is below <see cref="VlanTags.Count"/>).</summary>
    public bool IsPresent { get; }

    /// <summary>The tag control information: priority (3 bits), drop eligible (1 bit), VLAN id (12 bits).</summary>
    public ushort Tci { get; }

    /// <summary>The VLAN id, <c>Tci &amp; 0xFFF</c>.</summary>
    public ushort Id => (ushort)(Tci & 0xFFF);

    /// <summary>The priority code point, <c>Tci &gt;&gt; 13</c>.</summary>
    public byte Priority => (byte)(Tci >> 13);

    /// <summary>The drop eligible indicator, bit 12 of <see cref="Tci"/>.</summary>
    public bool DropEligible => ((Tci >> 12) & 1) != 0;
}
