namespace BpfLinq;

/// <summary>
/// IP protocol numbers (the <c>IPPROTO_*</c> constants), as <see cref="Ipv4.Protocol"/> and
/// <see cref="Ipv6.NextHeader"/> read them.
/// </summary>
public static class IpProtocol
{
    /// <summary><c>IPPROTO_ICMP</c>: ICMP.</summary>
    public const byte Icmp = 1;

    /// <summary><c>IPPROTO_TCP</c>: TCP.</summary>
    public const byte Tcp = 6;

    /// <summary><c>IPPROTO_UDP</c>: UDP.</summary>
    public const byte Udp = 17;

    /// <summary><c>IPPROTO_ICMPV6</c>: ICMPv6.</summary>
    public const byte Icmpv6 = 58;
}
