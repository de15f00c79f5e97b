using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// The packet <see cref="TestRunContext"/> puts in the contexts it models, per kind (the kernel side
/// of these facts is BpfLinq.Runtime.Tests' PacketStartKernelTests), and that the contexts' other
/// machinery (ctx_in bytes, copies, reports) leaves it out of the kernel's struct.
/// </summary>
public sealed class TestRunPacketTests
{
    private static readonly byte[] s_frame = TestFrames.Ipv4Tcp;

    public static TheoryData<ProgramKind, PacketStart, int> Kinds => new()
    {
        // kind, the packet's start, the frame index of offset 0
        { ProgramKind.Tc, PacketStart.Link, 0 },
        { ProgramKind.SocketFilter, PacketStart.Network, 14 },
        { ProgramKind.CgroupSkb, PacketStart.Network, 14 },
        { ProgramKind.Xdp, PacketStart.Link, 0 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_test_run_context_holds_the_frame_from_the_kinds_start(ProgramKind kind, PacketStart start, int origin)
    {
        var packet = kind == ProgramKind.Xdp ? TestRunContext.ForXdp(s_frame).Packet : TestRunContext.ForSkb(kind, s_frame).Packet;

        packet.Start.ShouldBe(start);
        packet.Length.ShouldBe(s_frame.Length - origin);
        packet.U8(0).ShouldBe(s_frame[origin]);
        packet.Ethernet.Type.ShouldBe(EtherType.IPv4);
        packet.Ipv4.Tcp.DestinationPort.ShouldBe((ushort)443);
        if (kind != ProgramKind.Xdp)
        {
            ((uint)packet.Length).ShouldBe(TestRunContext.ForSkb(kind, s_frame).Len, "Packet.Length is skb->len");
        }
    }

    [Fact]
    public void Sk_skb_lambdas_see_data_as_payload()
    {
        var packet = TestRunContext.PacketOf(ProgramKind.SkSkb, s_frame);

        packet.Start.ShouldBe(PacketStart.Payload);
        packet.U8(0).ShouldBe(s_frame[0]);
        packet.Ipv4.Version.ShouldBe((byte)0);
    }

    [Fact]
    public void A_packet_in_ctx_in_is_ignored_and_never_reaches_the_kernels_bytes()
    {
        var other = new Packet(new byte[100]);
        var skb = new SkBuff { Mark = 7, Packet = other };

        TestRunContext.SkbRefusal(ProgramKind.Tc, s_frame, skb).ShouldBeNull();
        TestRunContext.ForSkb(ProgramKind.Tc, s_frame, skb).Packet.Length.ShouldBe(s_frame.Length);
        TestRunContext.ForXdp(s_frame, new XdpMd { Packet = other }).Packet.Length.ShouldBe(s_frame.Length);
        ContextLayout.ToBytes(skb).ShouldBe(ContextLayout.ToBytes(new SkBuff { Mark = 7 }));
        ContextLayout.ToBytes(new XdpMd { Packet = other }).ShouldBe(ContextLayout.ToBytes(new XdpMd()));
    }

    [Fact]
    public void The_test_models_copy_and_print_contexts_with_their_packet()
    {
        var skb = TestRunContext.ForSkb(ProgramKind.SocketFilter, s_frame);

        var copy = ContextCopy.With(skb, nameof(SkBuff.Mark), 9u);

        copy.Mark.ShouldBe(9u);
        copy.Packet.ToString().ShouldBe(skb.Packet.ToString());
        copy.Packet.Ipv4.Ttl.ShouldBe((byte)64);
        TestRunInput.OfFrame(s_frame).ToString().ShouldNotContain("Packet");
    }

    [Theory]
    [InlineData(ProgramKind.Tc, 0)]
    [InlineData(ProgramKind.SocketFilter, 14)]
    [InlineData(ProgramKind.CgroupSkb, 14)]
    [InlineData(ProgramKind.Xdp, 0)]
    public void EvaluateTestRun_runs_the_lambda_on_the_packet_the_kind_sees(ProgramKind kind, int origin)
    {
        var frame = s_frame;
        var cut = frame[..41];   // the TCP destination port is bytes 40..41

        if (kind == ProgramKind.Xdp)
        {
            var filter = Bpf.Filter<XdpMd>(x => x.Packet.Ipv4.Tcp.DestinationPort == 443 && x.Packet.U8(0) == 0x00 ? Pass : Drop);
            filter.EvaluateTestRun(frame).ShouldBe(2, "XDP_PASS");
            filter.EvaluateTestRun(cut).ShouldBe(1, "XDP_DROP: the port is beyond the end");
        }
        else
        {
            // Offset 0 holds 0x00 (the MAC) at link start and 0x46 (version and IHL) at network start.
            var first = s_frame[origin];
            var filter = Bpf.Filter<SkBuff>(skb => skb.Packet.Ipv4.Tcp.DestinationPort == 443 && skb.Packet.U8(0) == first ? Pass : Drop);
            filter.EvaluateTestRun(frame, kind: kind).ShouldBe(Pass.ToReturnValue(kind));
            filter.EvaluateTestRun(cut, kind: kind).ShouldBe(Drop.ToReturnValue(kind));
        }
    }
}
