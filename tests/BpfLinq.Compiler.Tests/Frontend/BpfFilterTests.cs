using BpfLinq.Compiler.Ir;
using FsCheck;
using FsCheck.Fluent;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Frontend;

/// <summary>The entry points and the managed evaluation (the CLR oracle).</summary>
public sealed class BpfFilterTests
{
    [Theory]
    [InlineData(ProgramKind.SocketFilter, 4u, 0xFFFFFFFFL)]
    [InlineData(ProgramKind.SocketFilter, 9u, 0L)]
    [InlineData(ProgramKind.SkSkb, 4u, 1L)]
    [InlineData(ProgramKind.Tc, 4u, 0L)]
    [InlineData(ProgramKind.Tc, 9u, 2L)]
    [InlineData(ProgramKind.CgroupSkb, 4u, 1L)]
    public void A_verdict_is_mapped_to_the_kinds_return_value(ProgramKind kind, uint len, long expected)
    {
        var filter = Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop);
        filter.Evaluate(new SkBuff { Len = len }, kind).ShouldBe(expected);
    }

    [Fact]
    public void The_default_kind_follows_the_context()
    {
        var skb = Bpf.Filter<SkBuff>(s => Pass);
        var xdp = Bpf.Filter<XdpMd>(x => x.RxQueueIndex == 1 ? Tx : Drop);
        skb.DefaultKind.ShouldBe(ProgramKind.SocketFilter);
        skb.Evaluate(new SkBuff()).ShouldBe(0xFFFFFFFFL);
        xdp.DefaultKind.ShouldBe(ProgramKind.Xdp);
        xdp.Evaluate(new XdpMd { RxQueueIndex = 1 }).ShouldBe(3);
        xdp.Evaluate(new XdpMd()).ShouldBe(1);
        skb.ReturnsVerdict.ShouldBeTrue();
    }

    [Fact]
    public void A_raw_program_returns_its_integer()
    {
        var program = Bpf.Program<SkBuff>(skb => skb.Len * 2 - (long)skb.Mark);
        program.ReturnsVerdict.ShouldBeFalse();
        program.Evaluate(new SkBuff { Len = 5, Mark = 20 }).ShouldBe(-10);
        program.Evaluate(new SkBuff { Len = 5, Mark = 20 }, ProgramKind.Tc).ShouldBe(-10);
    }

    [Fact]
    public void Keep_returns_the_byte_count_of_a_socket_filter()
    {
        var filter = Bpf.Filter<SkBuff>(skb => Keep(skb.Len / 2));
        filter.Evaluate(new SkBuff { Len = 100 }).ShouldBe(50);
        Should.Throw<ArgumentException>(() => filter.Evaluate(new SkBuff { Len = 100 }, ProgramKind.Tc))
            .Message.ShouldStartWith("Verdict.Keep is not a verdict of a Tc program");
    }

    [Fact]
    public void A_kind_that_does_not_receive_the_context_is_refused()
    {
        var filter = Bpf.Filter<SkBuff>(skb => Pass);
        Should.Throw<ArgumentException>(() => filter.Evaluate(new SkBuff(), ProgramKind.Xdp)).Message.ShouldStartWith("a Xdp program does not receive a SkBuff");
    }

    [Fact]
    public void Only_program_contexts_are_accepted()
    {
        Should.Throw<ArgumentException>(() => Bpf.Filter<string>(s => Pass)).Message.ShouldStartWith("String is not a program context");
    }

    [Fact]
    public void The_callers_text_file_and_line_are_kept()
    {
        var line = new System.Diagnostics.StackFrame(0, true).GetFileLineNumber() + 1;
        var filter = Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop);
        filter.SourceText.ShouldBe("skb => skb.Len < 6 ? Pass : Drop");
        filter.ToString().ShouldBe(filter.SourceText);
        Path.GetFileName(filter.SourceFile).ShouldBe("BpfFilterTests.cs");
        filter.SourceLine.ShouldBe(line);
    }

    [Fact]
    public void Without_caller_text_the_lambda_is_rendered()
    {
        var filter = Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop, source: null);
        filter.SourceText.ShouldBe("skb => skb.Len < 6 ? Verdict.Pass : Verdict.Drop");
    }

    [Fact]
    public void The_managed_run_throws_where_the_CLR_does()
    {
        var program = Bpf.Program<SkBuff>(skb => skb.Len / skb.Mark);
        Should.Throw<DivideByZeroException>(() => program.Evaluate(new SkBuff { Len = 1 }));
    }

    [Fact]
    public void The_division_intrinsics_compute_what_eBPF_computes()
    {
        var ints = Gen.Frequency((1, Gen.Elements(0, 1, -1, int.MinValue, int.MaxValue)), (3, Gen.Choose(int.MinValue, int.MaxValue)));
        var longs = from hi in ints from lo in ints select ((long)hi << 32) | (uint)lo;
        Prop.ForAll(ints.ToArbitrary(), ints.ToArbitrary(), (a, b) =>
            Bpf.Div(a, b) == IrArithmetic.Binary(Op.SDiv, IrType.I32, a, b)
            && Bpf.Rem(a, b) == IrArithmetic.Binary(Op.SRem, IrType.I32, a, b)
            && (int)Bpf.Div((uint)a, (uint)b) == IrArithmetic.Binary(Op.UDiv, IrType.I32, a, b)
            && (int)Bpf.Rem((uint)a, (uint)b) == IrArithmetic.Binary(Op.URem, IrType.I32, a, b)).QuickCheckThrowOnFailure();
        Prop.ForAll(longs.ToArbitrary(), longs.ToArbitrary(), (a, b) =>
            Bpf.Div(a, b) == IrArithmetic.Binary(Op.SDiv, IrType.I64, a, b)
            && Bpf.Rem(a, b) == IrArithmetic.Binary(Op.SRem, IrType.I64, a, b)
            && (long)Bpf.Div((ulong)a, (ulong)b) == IrArithmetic.Binary(Op.UDiv, IrType.I64, a, b)
            && (long)Bpf.Rem((ulong)a, (ulong)b) == IrArithmetic.Binary(Op.URem, IrType.I64, a, b)).QuickCheckThrowOnFailure();
    }
}
