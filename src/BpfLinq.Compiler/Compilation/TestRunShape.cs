namespace BpfLinq.Compiler.Compilation;

/// <summary>Which <c>BPF_PROG_TEST_RUN</c> the kernel (and the managed model of it) offers a program kind.</summary>
internal enum TestRunShape
{
    /// <summary>None: the kernel cannot test-run the kind (sk_skb).</summary>
    None,
    /// <summary>The skb test run: a frame and an optional <c>struct __sk_buff</c> as <c>ctx_in</c>.</summary>
    Skb,
    /// <summary>The XDP test run: a frame and an optional <c>struct xdp_md</c> as <c>ctx_in</c>.</summary>
    Xdp,
}
