using System.Buffers.Binary;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Programs;

public class TestRunTests
{
    private const int SkBuffSize = ContextOffsets.SkBuffSize;
    private const int XdpMdSize = ContextOffsets.XdpMdSize;
    private const int XdpMdDataEnd = ContextOffsets.XdpMdDataEnd;
    private static readonly short s_skBuffMark = (short)ContextOffsets.SkBuff(nameof(SkBuff.Mark));

    private static readonly byte[] s_frame = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    [KernelFact]
    public void A_socket_filter_runs_on_a_packet_and_repeats()
    {
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(4) });

        var result = program.TestRun(new TestRunOptions { DataIn = s_frame, Repeat = 1000 });

        result.ReturnValue.ShouldBe(4u);
        // Socket filters see the packet from the network header on; the kernel pulls the 14-byte
        // Ethernet header before the run and pushes it back zeroed.
        result.DataOut[..14].ShouldAllBe(b => b == 0);
        result.DataOut[14..].ShouldBe(s_frame[14..]);
        result.Repeat.ShouldBe(1000u);
        result.DurationNanoseconds.ShouldBeLessThan(1_000_000u, "an average of two instructions");
        result.CtxOut.ShouldBeEmpty();
    }

    [KernelFact]
    public void A_socket_filter_reads_the_context_it_is_given()
    {
        // r0 = skb->mark
        using var program = BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter,
            Instructions = new[] { Insn.Ldx(Size.Word, Reg.R0, Reg.R1, s_skBuffMark), Insn.Exit() },
        });
        var ctx = new byte[SkBuffSize];
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.AsSpan(s_skBuffMark), 0x1234);

        var result = program.TestRun(new TestRunOptions { DataIn = s_frame, CtxIn = ctx });

        result.ReturnValue.ShouldBe(0x1234u);
        result.CtxOut.Length.ShouldBe(SkBuffSize);
        BinaryPrimitives.ReadUInt32LittleEndian(result.CtxOut.AsSpan(s_skBuffMark)).ShouldBe(0x1234u);
    }

    [KernelFact]
    public void A_tc_program_changes_the_context_it_hands_back()
    {
        // skb->mark = 77; return TC_ACT_OK
        using var program = BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SchedCls,
            Instructions = new[] { Insn.St(Size.Word, Reg.R1, s_skBuffMark, 77), Insn.Mov(Reg.R0, 0), Insn.Exit() },
        });

        var result = program.TestRun(new TestRunOptions { DataIn = s_frame, CtxIn = new byte[SkBuffSize] });

        result.ReturnValue.ShouldBe(0u);
        BinaryPrimitives.ReadUInt32LittleEndian(result.CtxOut.AsSpan(s_skBuffMark)).ShouldBe(77u);
    }

    [KernelFact]
    public void An_xdp_program_rewrites_and_shrinks_the_packet()
    {
        // if (data + 1 <= data_end) data[0] = 0xab; bpf_xdp_adjust_tail(ctx, -4); return XDP_PASS
        Insn[] insns =
        [
            Insn.Mov(Reg.R6, Reg.R1),
            Insn.Ldx(Size.Word, Reg.R2, Reg.R1, 0),
            Insn.Ldx(Size.Word, Reg.R3, Reg.R1, XdpMdDataEnd),
            Insn.Mov(Reg.R4, Reg.R2),
            Insn.Add(Reg.R4, 1),
            Insn.Jmp(JmpOp.Jgt, Reg.R4, Reg.R3, 1),
            new Insn(0x72, Reg.R2, Reg.R0, 0, 0xab), // *(u8 *)(r2 + 0) = 0xab
            Insn.Mov(Reg.R1, Reg.R6),
            Insn.Mov(Reg.R2, -4),
            Insn.Call(Helper.XdpAdjustTail),
            Insn.Mov(Reg.R0, 2),
            Insn.Exit(),
        ];
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.Xdp, Instructions = insns, Name = "xdp_shrink" });
        var ctx = new byte[XdpMdSize];
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.AsSpan(XdpMdDataEnd), (uint)s_frame.Length); // data = 0, data_end = size

        var once = program.TestRun(new TestRunOptions { DataIn = s_frame, CtxIn = ctx });
        var thrice = program.TestRun(new TestRunOptions { DataIn = s_frame, CtxIn = ctx, Repeat = 3 });

        once.ReturnValue.ShouldBe(2u);
        once.DataOut.Length.ShouldBe(s_frame.Length - 4);
        once.DataOut[0].ShouldBe((byte)0xab);
        once.DataOut[1..].ShouldBe(s_frame[1..^4]);
        BinaryPrimitives.ReadUInt32LittleEndian(once.CtxOut.AsSpan(XdpMdDataEnd)).ShouldBe((uint)(s_frame.Length - 4));
        // Repetitions run on the same frame, so each one shrinks it again.
        thrice.DataOut.Length.ShouldBe(s_frame.Length - 12);
        BinaryPrimitives.ReadUInt32LittleEndian(thrice.CtxOut.AsSpan(XdpMdDataEnd)).ShouldBe((uint)(s_frame.Length - 12));
        thrice.Repeat.ShouldBe(3u);
    }

    [KernelFact]
    public void Too_small_an_output_buffer_says_how_much_was_needed()
    {
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(0) });

        var error = Should.Throw<BpfException>(() => program.TestRun(new TestRunOptions { DataIn = s_frame, DataOutSize = 10 }));

        error.Errno.ShouldBe(Errno.ENOSPC);
        error.Message.ShouldContain($"the kernel produced {s_frame.Length} bytes of packet (DataOutSize was 10)");
    }

    [KernelFact]
    public void A_packet_shorter_than_an_ethernet_header_is_EINVAL()
    {
        using var program = BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = TestProgram.Return(0) });

        Should.Throw<BpfException>(() => program.TestRun(new TestRunOptions { DataIn = new byte[4] })).Errno.ShouldBe(Errno.EINVAL);
    }
}
