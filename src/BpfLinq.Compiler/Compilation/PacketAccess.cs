namespace BpfLinq.Compiler.Compilation;

/// <summary>How a program kind reaches packet bytes once the front end's reads are expanded.</summary>
internal enum PacketAccess
{
    /// <summary>Through <c>data</c>/<c>data_end</c> pointers, each window behind one bounds check (tc, XDP).</summary>
    Direct,
    /// <summary>Directly where the linear data holds the bytes, else <c>bpf_skb_load_bytes</c>, read by read (cgroup_skb cannot pull data in).</summary>
    DirectWithHelperFallback,
    /// <summary>Per window one <c>bpf_skb_load_bytes[_relative]</c> into a stack buffer (socket filter, sk_skb).</summary>
    Helper,
}
