namespace BpfLinq;

/// <summary>
/// The socket buffer a socket filter, sk_skb, tc or cgroup_skb program sees: a mirror of the
/// kernel's <c>struct __sk_buff</c>. In a lambda, reading a property compiles to a load from the
/// program's context; which fields a program may read depends on its <see cref="ProgramKind"/>, and
/// reading a forbidden one is a compile error naming the field and the kind. Outside the kernel, an
/// instance is a plain value: set the fields and evaluate a filter on it in-process.
/// Multi-byte values are in host order except where the kernel documents network order
/// (<see cref="Protocol"/>, <see cref="VlanProto"/>, the IP addresses, <see cref="RemotePort"/>).
/// </summary>
public sealed class SkBuff
{
    private readonly uint[] _cb = new uint[5];
    private readonly uint[] _remoteIp6 = new uint[4];
    private readonly uint[] _localIp6 = new uint[4];

    /// <summary><c>len</c>: bytes of packet data, from where the program's view starts to the end.</summary>
    public uint Len { get; init; }

    /// <summary><c>pkt_type</c>: PACKET_HOST (0), BROADCAST (1), MULTICAST (2), OTHERHOST (3), OUTGOING (4), ...</summary>
    public uint PktType { get; init; }

    /// <summary><c>mark</c>: the packet's firewall mark.</summary>
    public uint Mark { get; init; }

    /// <summary><c>queue_mapping</c>: the transmit queue.</summary>
    public uint QueueMapping { get; init; }

    /// <summary><c>protocol</c>: the EtherType as the kernel stores it (network byte order in the low 16 bits: IPv4 reads as 0x0008 on little-endian hosts).</summary>
    public uint Protocol { get; init; }

    /// <summary><c>vlan_present</c>: 1 when the packet carries an offloaded VLAN tag.</summary>
    public uint VlanPresent { get; init; }

    /// <summary><c>vlan_tci</c>: the offloaded VLAN tag control information.</summary>
    public uint VlanTci { get; init; }

    /// <summary><c>vlan_proto</c>: the offloaded VLAN's protocol (network byte order).</summary>
    public uint VlanProto { get; init; }

    /// <summary><c>priority</c>: the queueing priority.</summary>
    public uint Priority { get; init; }

    /// <summary><c>ingress_ifindex</c>: the interface the packet arrived on.</summary>
    public uint IngressIfindex { get; init; }

    /// <summary><c>ifindex</c>: the interface the packet is on now.</summary>
    public uint Ifindex { get; init; }

    /// <summary><c>tc_index</c>: the traffic-control index.</summary>
    public uint TcIndex { get; init; }

    /// <summary><c>cb[5]</c>: 20 bytes of scratch space shared by programs along the packet's path.</summary>
    public uint[] Cb
    {
        get => _cb;
        init => Fill(_cb, value, nameof(Cb));
    }

    /// <summary><c>hash</c>: the packet's flow hash (0 when not computed).</summary>
    public uint Hash { get; init; }

    /// <summary><c>tc_classid</c>: the class id set by a tc classifier.</summary>
    public uint TcClassid { get; init; }

    /// <summary><c>napi_id</c>: the NAPI context the packet was received in.</summary>
    public uint NapiId { get; init; }

    /// <summary><c>family</c>: the socket's address family (AF_INET 2, AF_INET6 10).</summary>
    public uint Family { get; init; }

    /// <summary><c>remote_ip4</c>: the peer's IPv4 address (network byte order).</summary>
    public uint RemoteIp4 { get; init; }

    /// <summary><c>local_ip4</c>: the local IPv4 address (network byte order).</summary>
    public uint LocalIp4 { get; init; }

    /// <summary><c>remote_ip6[4]</c>: the peer's IPv6 address (network byte order).</summary>
    public uint[] RemoteIp6
    {
        get => _remoteIp6;
        init => Fill(_remoteIp6, value, nameof(RemoteIp6));
    }

    /// <summary><c>local_ip6[4]</c>: the local IPv6 address (network byte order).</summary>
    public uint[] LocalIp6
    {
        get => _localIp6;
        init => Fill(_localIp6, value, nameof(LocalIp6));
    }

    /// <summary><c>remote_port</c>: the peer's port (network byte order).</summary>
    public uint RemotePort { get; init; }

    /// <summary><c>local_port</c>: the local port (host byte order).</summary>
    public uint LocalPort { get; init; }

    /// <summary><c>tstamp</c>: the packet's timestamp in nanoseconds.</summary>
    public ulong Tstamp { get; init; }

    /// <summary><c>wire_len</c>: the packet's length on the wire.</summary>
    public uint WireLen { get; init; }

    /// <summary><c>gso_segs</c>: segments of a GSO packet.</summary>
    public uint GsoSegs { get; init; }

    /// <summary><c>gso_size</c>: segment size of a GSO packet.</summary>
    public uint GsoSize { get; init; }

    /// <summary><c>tstamp_type</c>: what clock <see cref="Tstamp"/> is on.</summary>
    public byte TstampType { get; init; }

    /// <summary><c>hwtstamp</c>: the hardware receive timestamp.</summary>
    public ulong Hwtstamp { get; init; }

    /// <summary>
    /// The packet's data: raw reads and header views (<see cref="BpfLinq.Packet"/>). Offset 0 is the
    /// Ethernet header for tc, <c>skb-&gt;data</c> (the IP header under a test run and for cgroup_skb)
    /// for socket filters and cgroup_skb, and the stream data for sk_skb. Not a field of
    /// <c>struct __sk_buff</c>: in a lambda its reads compile to packet access, not context loads, and
    /// <c>ctx_in</c> never carries it (a test run's packet is its frame). An empty packet unless set;
    /// <see cref="TestRunContext.ForSkb"/> fills it from the frame.
    /// </summary>
    public Packet Packet { get; init; }

    private static void Fill(uint[] target, uint[] value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length > target.Length)
        {
            throw new ArgumentException($"{name} holds {target.Length} values, got {value.Length}", name);
        }
        value.CopyTo(target, 0);
    }

    /// <summary>
    /// This context as the kernel's <c>struct __sk_buff</c> bytes (little-endian): the <c>ctx_in</c>
    /// of a test run. Every field is written; the kernel accepts only some of them as input.
    /// </summary>
    public byte[] ToBytes() => Compiler.Frontend.ContextLayout.ToBytes(this);
}
