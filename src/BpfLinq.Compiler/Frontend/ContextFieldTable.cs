using System.Reflection;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The layout of the program contexts (<c>struct __sk_buff</c>, <c>struct xdp_md</c>, Linux 6.18) and
/// which program kinds may read each field with its natural width. Data, not code: a test checks every
/// offset and size against the running kernel's BTF, and every "readable by" entry against the verifier
/// (loading a one-load program of each kind). The verifier's rules, for the record
/// (<c>net/core/filter.c</c>, <c>*_is_valid_access</c>): fields that need a socket (<c>family</c>, the
/// addresses and ports) are for sk_skb and cgroup_skb; <c>mark</c> is not readable by sk_skb;
/// <c>tc_classid</c>, <c>wire_len</c> and <c>tstamp_type</c> only by tc; the timestamps by tc and
/// cgroup_skb; <c>xdp_md.egress_ifindex</c> only by devmap programs, which BpfLinq does not compile.
/// </summary>
internal static class ContextFieldTable
{
    private static readonly ProgramKind[] s_allSkb = [ProgramKind.SocketFilter, ProgramKind.SkSkb, ProgramKind.Tc, ProgramKind.CgroupSkb];
    private static readonly ProgramKind[] s_notSkSkb = [ProgramKind.SocketFilter, ProgramKind.Tc, ProgramKind.CgroupSkb];
    private static readonly ProgramKind[] s_withSocket = [ProgramKind.SkSkb, ProgramKind.CgroupSkb];
    private static readonly ProgramKind[] s_tcOnly = [ProgramKind.Tc];
    private static readonly ProgramKind[] s_timestamps = [ProgramKind.Tc, ProgramKind.CgroupSkb];
    private static readonly ProgramKind[] s_xdp = [ProgramKind.Xdp];
    private static readonly ProgramKind[] s_none = [];

    /// <summary><c>sizeof(struct __sk_buff)</c>.</summary>
    public const int SkBuffSize = 192;

    /// <summary><c>sizeof(struct xdp_md)</c>.</summary>
    public const int XdpMdSize = 24;

    /// <summary>The fields of <see cref="SkBuff"/>, in kernel order.</summary>
    public static IReadOnlyList<ContextField> SkBuff { get; } =
    [
        Skb(nameof(BpfLinq.SkBuff.Len), "len", 0, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.PktType), "pkt_type", 4, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.Mark), "mark", 8, s_notSkSkb),
        Skb(nameof(BpfLinq.SkBuff.QueueMapping), "queue_mapping", 12, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.Protocol), "protocol", 16, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.VlanPresent), "vlan_present", 20, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.VlanTci), "vlan_tci", 24, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.VlanProto), "vlan_proto", 28, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.Priority), "priority", 32, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.IngressIfindex), "ingress_ifindex", 36, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.Ifindex), "ifindex", 40, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.TcIndex), "tc_index", 44, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.Cb), "cb", 48, s_allSkb, count: 5),
        Skb(nameof(BpfLinq.SkBuff.Hash), "hash", 68, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.TcClassid), "tc_classid", 72, s_tcOnly),
        Skb(nameof(BpfLinq.SkBuff.NapiId), "napi_id", 84, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.Family), "family", 88, s_withSocket),
        Skb(nameof(BpfLinq.SkBuff.RemoteIp4), "remote_ip4", 92, s_withSocket),
        Skb(nameof(BpfLinq.SkBuff.LocalIp4), "local_ip4", 96, s_withSocket),
        Skb(nameof(BpfLinq.SkBuff.RemoteIp6), "remote_ip6", 100, s_withSocket, count: 4),
        Skb(nameof(BpfLinq.SkBuff.LocalIp6), "local_ip6", 116, s_withSocket, count: 4),
        Skb(nameof(BpfLinq.SkBuff.RemotePort), "remote_port", 132, s_withSocket),
        Skb(nameof(BpfLinq.SkBuff.LocalPort), "local_port", 136, s_withSocket),
        Skb(nameof(BpfLinq.SkBuff.Tstamp), "tstamp", 152, s_timestamps, size: 8),
        Skb(nameof(BpfLinq.SkBuff.WireLen), "wire_len", 160, s_tcOnly),
        Skb(nameof(BpfLinq.SkBuff.GsoSegs), "gso_segs", 164, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.GsoSize), "gso_size", 176, s_allSkb),
        Skb(nameof(BpfLinq.SkBuff.TstampType), "tstamp_type", 180, s_tcOnly, size: 1),
        Skb(nameof(BpfLinq.SkBuff.Hwtstamp), "hwtstamp", 184, s_timestamps, size: 8),
    ];

    /// <summary>The fields of <see cref="XdpMd"/>, in kernel order.</summary>
    public static IReadOnlyList<ContextField> XdpMd { get; } =
    [
        Xdp(nameof(BpfLinq.XdpMd.IngressIfindex), "ingress_ifindex", 12, s_xdp),
        Xdp(nameof(BpfLinq.XdpMd.RxQueueIndex), "rx_queue_index", 16, s_xdp),
        Xdp(nameof(BpfLinq.XdpMd.EgressIfindex), "egress_ifindex", 20, s_none),
    ];

    /// <summary>The field a context property mirrors, or null.</summary>
    public static ContextField? Find(PropertyInfo property) =>
        (property.DeclaringType == typeof(BpfLinq.SkBuff) ? SkBuff : property.DeclaringType == typeof(BpfLinq.XdpMd) ? XdpMd : [])
            .FirstOrDefault(f => f.Property == property);

    private static ContextField Skb(string property, string kernelName, int offset, ProgramKind[] readableBy, int size = 4, int count = 1) =>
        new(typeof(BpfLinq.SkBuff).GetProperty(property)!, kernelName, offset, size, count, readableBy.ToHashSet());

    private static ContextField Xdp(string property, string kernelName, int offset, ProgramKind[] readableBy) =>
        new(typeof(BpfLinq.XdpMd).GetProperty(property)!, kernelName, offset, 4, 1, readableBy.ToHashSet());
}
