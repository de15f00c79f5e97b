namespace BpfLinq;

/// <summary>
/// Where offset 0 of a <see cref="Packet"/> is, which fixes what <see cref="Packet.U8"/> and the other
/// raw reads see and which header views exist. Each program kind has one (see the table on
/// <see cref="Packet"/>).
/// </summary>
public enum PacketStart
{
    /// <summary>
    /// Offset 0 is the link-layer (Ethernet) header: tc and XDP. <see cref="Packet.Ethernet"/> is at
    /// offset 0, <see cref="Packet.Ipv4"/> and <see cref="Packet.Ipv6"/> at offset 14.
    /// </summary>
    Link,

    /// <summary>
    /// Offset 0 is <c>skb-&gt;data</c> where the kernel leaves it for socket filters and cgroup_skb:
    /// the network (IP) header under <c>BPF_PROG_TEST_RUN</c> and for cgroup_skb. The Ethernet header,
    /// when the packet has one, lies before offset 0 and is reached only through
    /// <see cref="Packet.Ethernet"/>.
    /// </summary>
    Network,

    /// <summary>Offset 0 is the stream data an sk_skb program sees; there are no header views.</summary>
    Payload,
}
