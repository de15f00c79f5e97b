namespace BpfLinq.Compiler.Tests.Differential.Model;

/// <summary>
/// Which context fields the Linux 6.18 verifier lets each test-runnable program kind read at the
/// field's full width (what the generators may use as "supported" field reads). Established by
/// loading a one-load program per kind and field (TestRunModelTests checks this table against the
/// verifier every run). Socket filters read the packet metadata only; tc adds <c>tc_classid</c>,
/// <c>wire_len</c> and the timestamps; cgroup_skb adds the socket fields (family, addresses, ports) and
/// the timestamps but not <c>tc_classid</c>, <c>wire_len</c> or <c>tstamp_type</c>; XDP reads
/// <c>ingress_ifindex</c> and <c>rx_queue_index</c> (<c>egress_ifindex</c> only in devmap programs).
/// </summary>
internal static class ContextReadability
{
    private static readonly string[] s_common =
    [
        nameof(SkBuff.Len), nameof(SkBuff.PktType), nameof(SkBuff.Mark), nameof(SkBuff.QueueMapping),
        nameof(SkBuff.Protocol), nameof(SkBuff.VlanPresent), nameof(SkBuff.VlanTci), nameof(SkBuff.VlanProto),
        nameof(SkBuff.Priority), nameof(SkBuff.IngressIfindex), nameof(SkBuff.Ifindex), nameof(SkBuff.TcIndex),
        nameof(SkBuff.Cb), nameof(SkBuff.Hash), nameof(SkBuff.NapiId), nameof(SkBuff.GsoSegs), nameof(SkBuff.GsoSize),
    ];

    private static readonly Dictionary<ProgramKind, HashSet<string>> s_readable = new()
    {
        [ProgramKind.SocketFilter] = [.. s_common],
        [ProgramKind.Tc] =
        [
            .. s_common, nameof(SkBuff.TcClassid), nameof(SkBuff.WireLen), nameof(SkBuff.Tstamp),
            nameof(SkBuff.TstampType), nameof(SkBuff.Hwtstamp),
        ],
        [ProgramKind.CgroupSkb] =
        [
            .. s_common, nameof(SkBuff.Family), nameof(SkBuff.RemoteIp4), nameof(SkBuff.LocalIp4), nameof(SkBuff.RemoteIp6),
            nameof(SkBuff.LocalIp6), nameof(SkBuff.RemotePort), nameof(SkBuff.LocalPort), nameof(SkBuff.Tstamp),
            nameof(SkBuff.Hwtstamp),
        ],
        // egress_ifindex is for devmap programs (expected attach type BPF_XDP_DEVMAP) only.
        [ProgramKind.Xdp] = [nameof(XdpMd.IngressIfindex), nameof(XdpMd.RxQueueIndex)],
    };

    /// <summary>The kinds the differential tests run (sk_skb has no test run).</summary>
    public static IReadOnlyList<ProgramKind> TestRunKinds { get; } = [ProgramKind.SocketFilter, ProgramKind.Tc, ProgramKind.CgroupSkb, ProgramKind.Xdp];

    /// <summary>True when a program of <paramref name="kind"/> may read the context property named <paramref name="property"/>.</summary>
    public static bool CanRead(ProgramKind kind, string property) =>
        s_readable.TryGetValue(kind, out var fields) && fields.Contains(property);

    /// <summary>The readable property names of <paramref name="kind"/>.</summary>
    public static IReadOnlySet<string> Readable(ProgramKind kind) => s_readable[kind];
}
