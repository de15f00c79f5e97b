using System.Reflection;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The layout of the program contexts (<c>struct __sk_buff</c>, <c>struct xdp_md</c>, Linux 6.18) and
/// the group (<see cref="ContextFieldGroup"/>) of each field; which kinds read which groups is in
/// <see cref="ProgramKindTable"/>. Data, not code: a test checks every offset and size against the
/// running kernel's BTF, and every kind's reads against the verifier (loading a one-load program of each kind).
/// </summary>
internal static class ContextFieldTable
{
    /// <summary><c>sizeof(struct __sk_buff)</c>.</summary>
    public const int SkBuffSize = 192;

    /// <summary><c>sizeof(struct xdp_md)</c>.</summary>
    public const int XdpMdSize = 24;

    /// <summary>The fields of <see cref="SkBuff"/>, in kernel order.</summary>
    public static IReadOnlyList<ContextField> SkBuff { get; } =
    [
        Skb(nameof(BpfLinq.SkBuff.Len), "len", 0, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.PktType), "pkt_type", 4, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.Mark), "mark", 8, ContextFieldGroup.SkbMark),
        Skb(nameof(BpfLinq.SkBuff.QueueMapping), "queue_mapping", 12, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.Protocol), "protocol", 16, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.VlanPresent), "vlan_present", 20, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.VlanTci), "vlan_tci", 24, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.VlanProto), "vlan_proto", 28, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.Priority), "priority", 32, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.IngressIfindex), "ingress_ifindex", 36, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.Ifindex), "ifindex", 40, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.TcIndex), "tc_index", 44, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.Cb), "cb", 48, ContextFieldGroup.SkbCommon, count: 5),
        Skb(nameof(BpfLinq.SkBuff.Hash), "hash", 68, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.TcClassid), "tc_classid", 72, ContextFieldGroup.SkbTcOnly),
        Skb(nameof(BpfLinq.SkBuff.NapiId), "napi_id", 84, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.Family), "family", 88, ContextFieldGroup.SkbSocket),
        Skb(nameof(BpfLinq.SkBuff.RemoteIp4), "remote_ip4", 92, ContextFieldGroup.SkbSocket),
        Skb(nameof(BpfLinq.SkBuff.LocalIp4), "local_ip4", 96, ContextFieldGroup.SkbSocket),
        Skb(nameof(BpfLinq.SkBuff.RemoteIp6), "remote_ip6", 100, ContextFieldGroup.SkbSocket, count: 4),
        Skb(nameof(BpfLinq.SkBuff.LocalIp6), "local_ip6", 116, ContextFieldGroup.SkbSocket, count: 4),
        Skb(nameof(BpfLinq.SkBuff.RemotePort), "remote_port", 132, ContextFieldGroup.SkbSocket),
        Skb(nameof(BpfLinq.SkBuff.LocalPort), "local_port", 136, ContextFieldGroup.SkbSocket),
        Skb(nameof(BpfLinq.SkBuff.Tstamp), "tstamp", 152, ContextFieldGroup.SkbTimestamps, size: 8),
        Skb(nameof(BpfLinq.SkBuff.WireLen), "wire_len", 160, ContextFieldGroup.SkbTcOnly),
        Skb(nameof(BpfLinq.SkBuff.GsoSegs), "gso_segs", 164, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.GsoSize), "gso_size", 176, ContextFieldGroup.SkbCommon),
        Skb(nameof(BpfLinq.SkBuff.TstampType), "tstamp_type", 180, ContextFieldGroup.SkbTcOnly, size: 1),
        Skb(nameof(BpfLinq.SkBuff.Hwtstamp), "hwtstamp", 184, ContextFieldGroup.SkbTimestamps, size: 8),
    ];

    /// <summary>The fields of <see cref="XdpMd"/>, in kernel order.</summary>
    public static IReadOnlyList<ContextField> XdpMd { get; } =
    [
        Xdp(nameof(BpfLinq.XdpMd.IngressIfindex), "ingress_ifindex", 12, ContextFieldGroup.XdpReceive),
        Xdp(nameof(BpfLinq.XdpMd.RxQueueIndex), "rx_queue_index", 16, ContextFieldGroup.XdpReceive),
        Xdp(nameof(BpfLinq.XdpMd.EgressIfindex), "egress_ifindex", 20, ContextFieldGroup.XdpEgress),
    ];

    // Every context member of a lambda is looked up: by a dictionary, not a scan.
    private static readonly Dictionary<PropertyInfo, ContextField> s_byProperty = SkBuff.Concat(XdpMd).ToDictionary(f => f.Property);

    /// <summary>The field a context property mirrors, or null.</summary>
    public static ContextField? Find(PropertyInfo property) => s_byProperty.GetValueOrDefault(property);

    private static ContextField Skb(string property, string kernelName, int offset, ContextFieldGroup group, int size = 4, int count = 1) =>
        new(typeof(BpfLinq.SkBuff).GetProperty(property)!, kernelName, offset, size, count, group);

    private static ContextField Xdp(string property, string kernelName, int offset, ContextFieldGroup group) =>
        new(typeof(BpfLinq.XdpMd).GetProperty(property)!, kernelName, offset, 4, 1, group);
}
