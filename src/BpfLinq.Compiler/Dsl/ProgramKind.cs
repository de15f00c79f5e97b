namespace BpfLinq;

/// <summary>
/// The kind of program a lambda is compiled for. The kind fixes the return convention of
/// <see cref="Verdict"/>, which context fields may be read, and how packet data is reached.
/// </summary>
public enum ProgramKind
{
    /// <summary>A socket filter (<c>BPF_PROG_TYPE_SOCKET_FILTER</c>): keeps (all or <see cref="Verdict.Keep"/> bytes of) or drops a packet arriving at a socket.</summary>
    SocketFilter,
    /// <summary>An sk_skb stream verdict program on a sockmap (<c>BPF_PROG_TYPE_SK_SKB</c>): SK_PASS or SK_DROP.</summary>
    SkSkb,
    /// <summary>A traffic-control classifier (<c>BPF_PROG_TYPE_SCHED_CLS</c>, attached with tc or tcx): TC_ACT_OK or TC_ACT_SHOT.</summary>
    Tc,
    /// <summary>An XDP program (<c>BPF_PROG_TYPE_XDP</c>): XDP_PASS, XDP_DROP, XDP_TX, XDP_REDIRECT or XDP_ABORTED.</summary>
    Xdp,
    /// <summary>A cgroup socket-buffer program (<c>BPF_PROG_TYPE_CGROUP_SKB</c>): allow (1) or deny (0).</summary>
    CgroupSkb,
}
