using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// <see cref="BpfFunction"/> subprograms with four and five arguments (r1–r5, all eBPF allows), and
/// subprograms that read the packet through their context argument, on every kind with a test run:
/// each loads and returns what <c>EvaluateTestRun</c> returns.
/// </summary>
public sealed class SubprogramArgumentTests
{
    private static readonly BpfFunction<uint, uint, uint, uint, uint> s_mix4 =
        new((a, b, c, d) => (a * 31) ^ (b >> 3) ^ (c + d) ^ (a - d), FunctionInlining.Never, "mix4");

    private static readonly BpfFunction<uint, ulong, int, ushort, byte, long> s_mix5 =
        new((a, b, c, d, e) => ((long)a << 20) - (long)b + (c * d) - (e ^ 0x5a), FunctionInlining.Never, "mix5");

    private static readonly BpfFunction<SkBuff, uint, uint, uint, uint, bool> s_inRange =
        new((skb, lo, hi, mask, want) => skb.Len >= lo && skb.Len <= hi && (skb.Len & mask) != want, FunctionInlining.Never, "in_range");

    private static readonly BpfFunction<SkBuff, int, uint> s_skbWordAt =
        new((skb, at) => (uint)(skb.Packet.U16(at) ^ skb.Packet.U8(at + 5)), FunctionInlining.Never, "word_at");

    private static readonly BpfFunction<int, SkBuff, bool> s_skbFoobarAt =
        new((at, skb) => skb.Packet.StartsWith(at, "foobar"), FunctionInlining.Never, "foobar_at");

    private static readonly BpfFunction<XdpMd, int, int, uint, uint> s_xdpSum4 =
        new((x, a, b, k) => (uint)(x.Packet.U8(a) + x.Packet.U8(b) + x.Packet.Length) + k, FunctionInlining.Never, "sum4");

    private static readonly BpfFunction<SkBuff, int, uint, uint, uint, uint> s_skbFive =
        new((skb, at, a, b, c) => skb.Packet.U32(at) + (a * b) - c + skb.Packet.U8(12), FunctionInlining.Never, "five");

    public static TheoryData<string, ProgramKind, object> Programs()
    {
        var data = new TheoryData<string, ProgramKind, object>();
        foreach (var kind in new[] { ProgramKind.Tc, ProgramKind.SocketFilter })
        {
            data.Add("four scalars", kind, Bpf.Program<SkBuff>(skb => s_mix4.Invoke(skb.Len, skb.Protocol, 7, skb.Len >> 2)));
            data.Add("five scalars of five types", kind, Bpf.Program<SkBuff>(skb => s_mix5.Invoke(skb.Len, (ulong)skb.Len * 3, -9, (ushort)skb.Protocol, (byte)skb.Len)));
            data.Add("a packet read in a subprogram", kind, Bpf.Program<SkBuff>(skb => s_skbWordAt.Invoke(skb, 12) + s_skbWordAt.Invoke(skb, (int)(skb.Len & 63))));
            data.Add("packet reads before and after a subprogram reading the packet", kind, Bpf.Program<SkBuff>(skb => skb.Packet.U8(14) + s_skbWordAt.Invoke(skb, 20) + skb.Packet.U16(50)));
            data.Add("packet reads before and after a callback reading the packet", kind, Bpf.Program<SkBuff>(skb => skb.Packet.U8(14) + Bpf.Fold(24, 0L, (i, acc) => acc + skb.Packet.U8(30 + i), LoopStrategy.Callback) + skb.Packet.U16(50)));
            data.Add("packet reads and five arguments", kind, Bpf.Program<SkBuff>(skb => s_skbFive.Invoke(skb, (int)(skb.Len & 31) + 20, skb.Len, 3, 1)));
        }
        foreach (var kind in new[] { ProgramKind.Tc, ProgramKind.SocketFilter, ProgramKind.CgroupSkb })
        {
            // cgroup_skb returns 0 or 1: verdicts.
            data.Add("the context and four scalars", kind, Bpf.Filter<SkBuff>(skb => s_inRange.Invoke(skb, 50, 150, 3, 1) ? Drop : Pass));
            data.Add("the context second, StartsWith in a callback loop", kind, Bpf.Filter<SkBuff>(skb => Bpf.Any(100, i => s_skbFoobarAt.Invoke(i, skb), LoopStrategy.Callback) ? Drop : Pass));
            data.Add("packet reads and five arguments, a verdict", kind, Bpf.Filter<SkBuff>(skb => (s_skbFive.Invoke(skb, (int)(skb.Len & 31) + 20, skb.Len, 3, 1) & 0x100) != 0 ? Drop : Pass));
        }
        data.Add("xdp packet reads around a subprogram reading the packet", ProgramKind.Xdp, Bpf.Program<XdpMd>(x => x.Packet.U8(14) + s_xdpSum4.Invoke(x, 20, 33, 1) + x.Packet.U16(50)));
        data.Add("xdp packet reads and four arguments", ProgramKind.Xdp, Bpf.Program<XdpMd>(x => s_xdpSum4.Invoke(x, 12, (int)(x.IngressIfindex & 7) + 40, 5)));
        return data;
    }

    [KernelTheory]
    [MemberData(nameof(Programs))]
    public void Loads_and_agrees_with_Evaluate(string name, ProgramKind kind, object filter)
    {
        var (compiled, evaluate) = filter switch
        {
            BpfFilter<XdpMd> xdp => (xdp.Compile(kind), (Func<byte[], long>)(frame => xdp.EvaluateTestRun(frame, kind: kind))),
            BpfFilter<SkBuff> skb => (skb.Compile(kind), frame => skb.EvaluateTestRun(frame, kind: kind)),
            _ => throw new ArgumentException(name),
        };
        compiled.Functions.Count.ShouldBeGreaterThan(1, "a subprogram is called");
        using var program = compiled.Load();
        foreach (var frame in Frames())
        {
            program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe((uint)evaluate(frame), $"{name} ({kind}) on {frame.Length} bytes");
        }
    }

    private static IEnumerable<byte[]> Frames() => NeedleFrames.Of((60, -1), (61, 54), (100, 40), (140, 90), (200, 134));
}
