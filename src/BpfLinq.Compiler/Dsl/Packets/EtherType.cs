namespace BpfLinq;

/// <summary>
/// EtherType values (the <c>ETH_P_*</c> constants of <c>linux/if_ether.h</c>) in host order, as
/// <see cref="Ethernet.Type"/> and <see cref="VlanTags.Type"/> read them.
/// </summary>
public static class EtherType
{
    /// <summary><c>ETH_P_IP</c>: IPv4.</summary>
    public const ushort IPv4 = 0x0800;

    /// <summary><c>ETH_P_ARP</c>: ARP.</summary>
    public const ushort Arp = 0x0806;

    /// <summary><c>ETH_P_8021Q</c>: an 802.1Q VLAN tag follows.</summary>
    public const ushort Vlan = 0x8100;

    /// <summary><c>ETH_P_8021AD</c>: an 802.1AD (QinQ, service) VLAN tag follows.</summary>
    public const ushort QinQ = 0x88A8;

    /// <summary><c>ETH_P_IPV6</c>: IPv6.</summary>
    public const ushort IPv6 = 0x86DD;
}
