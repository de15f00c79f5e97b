using System.Linq.Expressions;
using System.Text.RegularExpressions;
using BpfLinq.Compiler.Tests.Golden;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Packets;

/// <summary>
/// tc packet access: a length guard is a bounds check (after the pull, as in XDP), and
/// <see cref="CompileOptions.LinearPackets"/> drops the pull block for users whose packets are
/// linear. Each compiled program loads and agrees with <c>Evaluate</c> on every cut of a frame.
/// </summary>
public sealed partial class TcPacketAccessTests
{
    // "Drop IPv4 TCP frames of at least 54 bytes whose destination port is 22", with the raw reads a
    // newcomer writes after checking the length once.
    private static readonly Expression<Func<SkBuff, Verdict>> s_guarded = skb =>
        skb.Packet.Length >= 54 && skb.Packet.U16(12) == 0x0800 && skb.Packet.U8(23) == 6 && skb.Packet.U16(36) == 22 ? Drop : Pass;

    [Fact]
    public void A_length_guard_is_the_bounds_check_of_every_read_below_it()
    {
        var code = Bpf.Filter(s_guarded).Compile(ProgramKind.Tc, GoldenCase.GoldenOptions).Disassemble();

        // The pull block's two tests and the guard: no read has a check of its own.
        PointerCompares().Count(code).ShouldBe(3, code);
        code.ShouldNotContain("*(u32 *)(r1 + 0x0)", Case.Sensitive, "the guard no longer reads skb->len outside the pull block");
    }

    [Fact]
    public void Linear_packets_need_no_pull_block()
    {
        var filter = Bpf.Filter(s_guarded);
        var pulled = filter.Compile(ProgramKind.Tc, GoldenCase.GoldenOptions);
        var linear = filter.Compile(ProgramKind.Tc, GoldenCase.GoldenOptions with { LinearPackets = true });

        var code = linear.Disassemble();
        code.ShouldNotContain("call 0x27", Case.Sensitive, "bpf_skb_pull_data is helper 39");
        pulled.Disassemble().ShouldContain("call 0x27");
        linear.Instructions.Length.ShouldBeLessThan(pulled.Instructions.Length);
    }

    [Fact]
    public void A_header_is_parsed_only_once_the_tests_before_its_first_use_passed()
    {
        // The EtherType test comes first on every path, so IPv4's own checks (IHL >= 5, its declared
        // end) run after it; its 34 bytes share the Ethernet header's check, both failing to Drop.
        var code = Bpf.Filter<XdpMd>(x => x.Packet.Ethernet.Type == EtherType.IPv4 && x.Packet.Ipv4.Protocol == IpProtocol.Tcp ? Pass : Drop)
            .Compile(ProgramKind.Xdp, GoldenCase.GoldenOptions).Disassemble();

        var etherType = code.IndexOf("0x8 goto", StringComparison.Ordinal);
        var ipv4Check = code.IndexOf("< 0x5 goto", StringComparison.Ordinal);
        etherType.ShouldBeGreaterThan(0, code);
        ipv4Check.ShouldBeGreaterThan(etherType, code);
    }

    [KernelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Both_forms_agree_with_Evaluate_on_every_cut_of_a_frame(bool linearPackets)
    {
        var filter = Bpf.Filter(s_guarded);
        var compiled = filter.Compile(ProgramKind.Tc, GoldenCase.GoldenOptions with { LinearPackets = linearPackets });
        using var program = KernelHarness.Load(ProgramKind.Tc, compiled.Instructions.ToArray());
        var frame = Ssh();
        var ran = 0;
        for (var length = 14; length <= frame.Length; length++)
        {
            var input = TestRunInput.OfFrame(frame[..length]);
            if (input.Refusal(ProgramKind.Tc) is not null)
            {
                continue;
            }
            var expected = filter.Evaluate((SkBuff)input.Predict(ProgramKind.Tc), ProgramKind.Tc);
            KernelHarness.Run(program, ProgramKind.Tc, input).ShouldBe((uint)expected, $"cut to {length}\n{compiled.Disassemble()}");
            ran++;
        }
        ran.ShouldBeGreaterThan(10);
        filter.Evaluate((SkBuff)TestRunInput.OfFrame(frame).Predict(ProgramKind.Tc), ProgramKind.Tc).ShouldBe(Drop.ToReturnValue(ProgramKind.Tc));
    }

    // 64-bit compares of two registers: the packet bounds checks.
    [GeneratedRegex(@"if r\d+ (>|<=) r\d+ goto")]
    private static partial Regex PointerCompares();

    // Ethernet, IPv4 (IHL 5) and TCP to port 22, 10 bytes of payload.
    private static byte[] Ssh()
    {
        var frame = new byte[64];
        (frame[12], frame[13]) = (0x08, 0x00);
        frame[14] = 0x45;
        frame[23] = 6;
        (frame[36], frame[37]) = (0, 22);
        frame[46] = 0x50;
        return frame;
    }
}
