using BpfLinq.Compiler.Compilation.Steps;

namespace BpfLinq;

/// <summary>How to compile a lambda. Every option has a default; tests turn the checks on.</summary>
public sealed record CompileOptions
{
    /// <summary>Options with every default.</summary>
    public static CompileOptions Default { get; } = new();

    /// <summary>The program's name (at most 15 characters reach the kernel).</summary>
    public string Name { get; init; } = "filter";

    /// <summary>
    /// tc only: the packets are linear (all their bytes in <c>skb-&gt;data</c>..<c>data_end</c>), so no
    /// <c>bpf_skb_pull_data</c> block is emitted, as an expert's C omits it. What it changes: bytes beyond
    /// the linear area read as if beyond the end of the packet (0, and a header reaching them is absent),
    /// and a <c>Packet.Length</c> test stays a compare with <c>skb-&gt;len</c> instead of becoming a bounds
    /// check. Test runs and most ingress traffic are linear; GRO'd, GSO'd or locally generated TCP
    /// often is not (the bytes past the headers live in page fragments). Default false: every byte is
    /// reachable, at the cost of the pull block (about a dozen instructions, run only when needed).
    /// </summary>
    public bool LinearPackets { get; init; }

    /// <summary>Run the IR verifier on the front end's output and after every pass (slower; tests always do).</summary>
    public bool VerifyIrAfterEachPass { get; init; }

    /// <summary>Check the register allocation symbolically (slower; tests always do).</summary>
    public bool CheckAllocation { get; init; }

    /// <summary>
    /// Step names of the compile order (comma-separated; <c>docs/compile-order.md</c> lists them) or <c>*</c>:
    /// write the state after those steps to <see cref="Trace"/> (the tree, the IR, the machine code or the program).
    /// </summary>
    public string? DumpAfter { get; init; }

    /// <summary>Where dumps and traces go.</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>Watches every step (the bench's phase timings, tests' failure injection).</summary>
    internal ICompileObserver? Observer { get; init; }
}
