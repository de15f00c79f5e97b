namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// Context fields the verifier lets the same program kinds read (<c>net/core/filter.c</c>,
/// <c>*_is_valid_access</c>). The field table names each field's group; each program kind's row
/// names the groups it may read.
/// </summary>
internal enum ContextFieldGroup
{
    /// <summary>The <c>__sk_buff</c> fields every socket-buffer kind reads.</summary>
    SkbCommon,
    /// <summary><c>mark</c>: not readable by sk_skb.</summary>
    SkbMark,
    /// <summary>Fields that need a socket (<c>family</c>, the addresses and ports): sk_skb and cgroup_skb.</summary>
    SkbSocket,
    /// <summary><c>tc_classid</c>, <c>wire_len</c>, <c>tstamp_type</c>: tc only.</summary>
    SkbTcOnly,
    /// <summary>The timestamps: tc and cgroup_skb.</summary>
    SkbTimestamps,
    /// <summary><c>xdp_md</c>'s receive side: <c>ingress_ifindex</c>, <c>rx_queue_index</c>.</summary>
    XdpReceive,
    /// <summary><c>xdp_md.egress_ifindex</c>: devmap programs only, which BpfLinq does not compile.</summary>
    XdpEgress,
}
