using System.Reflection;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The layout of the program contexts (<c>struct __sk_buff</c>, <c>struct xdp_md</c>, Linux 6.18) and
/// which program kinds may read each field. Data, not code: a test checks every offset and size
/// against the running kernel's BTF, and every "readable by" entry against the verifier.
/// </summary>
internal static class ContextFieldTable
{
    private static readonly ProgramKind[] s_skbKinds = [ProgramKind.SocketFilter, ProgramKind.SkSkb, ProgramKind.Tc, ProgramKind.CgroupSkb];

    /// <summary><c>sizeof(struct __sk_buff)</c>.</summary>
    public const int SkBuffSize = 192;

    /// <summary><c>sizeof(struct xdp_md)</c>.</summary>
    public const int XdpMdSize = 24;

    /// <summary>The fields of <see cref="SkBuff"/>, in kernel order.</summary>
    public static IReadOnlyList<ContextField> SkBuff { get; } =
    [
        Skb(nameof(BpfLinq.SkBuff.Len), "len", 0),
        Skb(nameof(BpfLinq.SkBuff.PktType), "pkt_type", 4),
        Skb(nameof(BpfLinq.SkBuff.Mark), "mark", 8),
        Skb(nameof(BpfLinq.SkBuff.QueueMapping), "queue_mapping", 12),
        Skb(nameof(BpfLinq.SkBuff.Protocol), "protocol", 16),
        Skb(nameof(BpfLinq.SkBuff.VlanPresent), "vlan_present", 20),
        Skb(nameof(BpfLinq.SkBuff.VlanTci), "vlan_tci", 24),
        Skb(nameof(BpfLinq.SkBuff.VlanProto), "vlan_proto", 28),
        Skb(nameof(BpfLinq.SkBuff.Priority), "priority", 32),
        Skb(nameof(BpfLinq.SkBuff.IngressIfindex), "ingress_ifindex", 36),
        Skb(nameof(BpfLinq.SkBuff.Ifindex), "ifindex", 40),
        Skb(nameof(BpfLinq.SkBuff.TcIndex), "tc_index", 44),
        Skb(nameof(BpfLinq.SkBuff.Cb), "cb", 48, count: 5),
        Skb(nameof(BpfLinq.SkBuff.Hash), "hash", 68),
        Skb(nameof(BpfLinq.SkBuff.TcClassid), "tc_classid", 72),
        Skb(nameof(BpfLinq.SkBuff.NapiId), "napi_id", 84),
        Skb(nameof(BpfLinq.SkBuff.Family), "family", 88),
        Skb(nameof(BpfLinq.SkBuff.RemoteIp4), "remote_ip4", 92),
        Skb(nameof(BpfLinq.SkBuff.LocalIp4), "local_ip4", 96),
        Skb(nameof(BpfLinq.SkBuff.RemoteIp6), "remote_ip6", 100, count: 4),
        Skb(nameof(BpfLinq.SkBuff.LocalIp6), "local_ip6", 116, count: 4),
        Skb(nameof(BpfLinq.SkBuff.RemotePort), "remote_port", 132),
        Skb(nameof(BpfLinq.SkBuff.LocalPort), "local_port", 136),
        Skb(nameof(BpfLinq.SkBuff.Tstamp), "tstamp", 152, size: 8),
        Skb(nameof(BpfLinq.SkBuff.WireLen), "wire_len", 160),
        Skb(nameof(BpfLinq.SkBuff.GsoSegs), "gso_segs", 164),
        Skb(nameof(BpfLinq.SkBuff.GsoSize), "gso_size", 176),
        Skb(nameof(BpfLinq.SkBuff.TstampType), "tstamp_type", 180, size: 1),
        Skb(nameof(BpfLinq.SkBuff.Hwtstamp), "hwtstamp", 184, size: 8),
    ];

    /// <summary>The fields of <see cref="XdpMd"/>, in kernel order.</summary>
    public static IReadOnlyList<ContextField> XdpMd { get; } =
    [
        Xdp(nameof(BpfLinq.XdpMd.IngressIfindex), "ingress_ifindex", 12),
        Xdp(nameof(BpfLinq.XdpMd.RxQueueIndex), "rx_queue_index", 16),
        Xdp(nameof(BpfLinq.XdpMd.EgressIfindex), "egress_ifindex", 20),
    ];

    /// <summary>The field a context property mirrors, or null.</summary>
    public static ContextField? Find(PropertyInfo property) =>
        (property.DeclaringType == typeof(BpfLinq.SkBuff) ? SkBuff : property.DeclaringType == typeof(BpfLinq.XdpMd) ? XdpMd : [])
            .FirstOrDefault(f => f.Property == property);

    // Readability per kind starts as "every skb kind"; the verifier-checked test narrows it.
    private static ContextField Skb(string property, string kernelName, int offset, int size = 4, int count = 1) =>
        new(typeof(BpfLinq.SkBuff).GetProperty(property)!, kernelName, offset, size, count, s_skbKinds.ToHashSet());

    private static ContextField Xdp(string property, string kernelName, int offset) =>
        new(typeof(BpfLinq.XdpMd).GetProperty(property)!, kernelName, offset, 4, 1, new HashSet<ProgramKind> { ProgramKind.Xdp });
}
