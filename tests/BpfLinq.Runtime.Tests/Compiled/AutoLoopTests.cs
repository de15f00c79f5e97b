using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// <see cref="LoopStrategy.Auto"/> chooses only what loads: loops whose bodies read the packet at a
/// loop-varying offset, of several sizes, on every kind with packets, load on the real verifier and
/// return what <c>EvaluateTestRun</c> returns on frames with and without the needle.
/// </summary>
public sealed class AutoLoopTests
{
    public static TheoryData<string, ProgramKind, object> Loops()
    {
        var data = new TheoryData<string, ProgramKind, object>();
        foreach (var count in new[] { 16, 64, 200, 256 })
        {
            data.Add($"xdp StartsWith x{count}", ProgramKind.Xdp, Bpf.Filter<XdpMd>(x => Bpf.Any(count, i => x.Packet.StartsWith(i, "foobar"), LoopStrategy.Auto) ? Drop : Pass));
            data.Add($"tc StartsWith x{count}", ProgramKind.Tc, Bpf.Filter<SkBuff>(skb => Bpf.Any(count, i => skb.Packet.StartsWith(i, "foobar"), LoopStrategy.Auto) ? Drop : Pass));
        }
        data.Add("cgroup_skb StartsWith x200", ProgramKind.CgroupSkb, Bpf.Filter<SkBuff>(skb => Bpf.Any(200, i => skb.Packet.StartsWith(i, "foobar"), LoopStrategy.Auto) ? Drop : Pass));
        data.Add("socket filter StartsWith x128", ProgramKind.SocketFilter, Bpf.Filter<SkBuff>(skb => Bpf.Any(128, i => skb.Packet.StartsWith(i, "foobar"), LoopStrategy.Auto) ? Drop : Pass));
        data.Add("xdp FirstIndex of a byte x256", ProgramKind.Xdp, Bpf.Program<XdpMd>(x => Bpf.FirstIndex(256, i => x.Packet.U8(i) == (byte)'f', LoopStrategy.Auto)));
        data.Add("tc FirstIndex of a word x200", ProgramKind.Tc, Bpf.Program<SkBuff>(skb => Bpf.FirstIndex(200, i => skb.Packet.U16(i) == 0x6f6f, LoopStrategy.Auto)));
        data.Add("xdp Fold of bytes x256", ProgramKind.Xdp, Bpf.Program<XdpMd>(x => Bpf.Fold(256, 0L, (i, acc) => acc + x.Packet.U8(i), LoopStrategy.Auto)));
        data.Add("tc Fold of 32-bit words x128", ProgramKind.Tc, Bpf.Program<SkBuff>(skb => Bpf.Fold(128, 0L, (i, acc) => acc ^ skb.Packet.U32(i * 2), LoopStrategy.Auto)));
        return data;
    }

    [KernelTheory]
    [MemberData(nameof(Loops))]
    public void An_Auto_loop_reading_the_packet_at_the_loop_index_loads_and_agrees_with_Evaluate(string name, ProgramKind kind, object filter)
    {
        switch (filter)
        {
            case BpfFilter<XdpMd> xdp:
                Agree(name, xdp.Compile(kind), frame => xdp.EvaluateTestRun(frame, kind: kind));
                break;
            case BpfFilter<SkBuff> skb:
                Agree(name, skb.Compile(kind), frame => skb.EvaluateTestRun(frame, kind: kind));
                break;
        }
    }

    [KernelFact]
    public void The_same_loop_asked_for_inline_is_refused_by_the_verifier_with_advice_to_use_a_callback()
    {
        var filter = Bpf.Filter<XdpMd>(x => Bpf.Any(256, i => x.Packet.StartsWith(i, "foobar"), LoopStrategy.Inline) ? Drop : Pass);

        var error = Should.Throw<BpfVerifierException>(() => filter.Compile(ProgramKind.Xdp).Load());

        error.Message.ShouldContain("could not follow every iteration of a loop");
        error.Message.ShouldContain("LoopStrategy.Auto or Callback");
    }

    private static void Agree(string name, CompiledProgram compiled, Func<byte[], long> evaluate)
    {
        using var program = compiled.Load();
        foreach (var frame in Frames())
        {
            program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe((uint)evaluate(frame), $"{name}: {frame.Length} bytes");
        }
    }

    private static IEnumerable<byte[]> Frames() => NeedleFrames.Of((60, -1), (100, 40), (300, 120), (300, 250), (600, 255), (600, 400), (1000, 30));
}
