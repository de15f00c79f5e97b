using System.Buffers.Binary;

namespace BpfLinq.Runtime;

/// <summary>What <see cref="BpfProgram.TestRun"/> passes to <c>BPF_PROG_TEST_RUN</c>.</summary>
public sealed record TestRunOptions
{
    /// <summary>Extra room given to <see cref="TestRunResult.DataOut"/> by default, for programs that grow the packet.</summary>
    public const int DefaultDataOutHeadroom = 256;

    /// <summary>The packet (<c>data_in</c>); for skb programs an Ethernet frame, at least 14 bytes.</summary>
    public ReadOnlyMemory<byte> DataIn { get; init; }

    /// <summary>
    /// The size of the buffer for the packet after the run, or null for
    /// <see cref="DataIn"/>'s length plus <see cref="DefaultDataOutHeadroom"/>; 0 asks for no output.
    /// </summary>
    public int? DataOutSize { get; init; }

    /// <summary>The context (<c>ctx_in</c>, e.g. a <c>struct __sk_buff</c> or <c>struct xdp_md</c>), or empty.</summary>
    public ReadOnlyMemory<byte> CtxIn { get; init; }

    /// <summary>The size of the buffer for the context after the run, or null for <see cref="CtxIn"/>'s length.</summary>
    public int? CtxOutSize { get; init; }

    /// <summary>How many times the kernel runs the program; the duration is averaged over them (0 and 1 both mean once).</summary>
    public uint Repeat { get; init; }

    /// <summary>The run's <c>flags</c> (<c>BPF_F_TEST_RUN_ON_CPU</c> = 1, <c>BPF_F_TEST_XDP_LIVE_FRAMES</c> = 2, ...).</summary>
    public uint Flags { get; init; }

    /// <summary>The CPU to run on when <see cref="Flags"/> has <c>BPF_F_TEST_RUN_ON_CPU</c>.</summary>
    public uint Cpu { get; init; }

    /// <summary>
    /// A run of an skb program on <paramref name="frame"/> with <paramref name="ctxIn"/> laid out as
    /// <c>struct __sk_buff</c>: the input <see cref="BpfFilter{TContext}.EvaluateTestRun(ReadOnlySpan{byte}, TContext, ProgramKind?)"/> models.
    /// </summary>
    /// <param name="frame">The Ethernet frame.</param>
    /// <param name="ctxIn">The context to pass in (only the fields the kernel lets <c>ctx_in</c> set).</param>
    public static TestRunOptions For(ReadOnlyMemory<byte> frame, SkBuff ctxIn) =>
        new() { DataIn = frame, CtxIn = ctxIn.ToBytes() };

    /// <summary>
    /// A run of an XDP program on <paramref name="frame"/> with <paramref name="ctxIn"/> laid out as
    /// <c>struct xdp_md</c> (<c>data</c> 0, <c>data_end</c> the frame's length, as the kernel demands).
    /// </summary>
    /// <param name="frame">The Ethernet frame.</param>
    /// <param name="ctxIn">The context to pass in (<c>ingress_ifindex</c>, <c>rx_queue_index</c>).</param>
    public static TestRunOptions For(ReadOnlyMemory<byte> frame, XdpMd ctxIn)
    {
        var bytes = ctxIn.ToBytes();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)frame.Length);
        return new() { DataIn = frame, CtxIn = bytes };
    }
}
