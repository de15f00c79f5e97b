using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Ir;

public sealed class IrInterpreterTests
{
    [Fact]
    public void A_loop_sums_below_its_bound()
    {
        var f = IrParser.Parse(IrTextTests.Loop);
        IrInterpreter.Run(f, [10]).ShouldBe(45);
        IrInterpreter.Run(f, [-3]).ShouldBe(0);
    }

    [Fact]
    public void Context_loads_read_little_endian_and_extend_as_asked()
    {
        var f = IrParser.Parse("""
            func f(v0: ctxptr) -> i64
            b0:
              v1 = load.i64.u32 v0, 0
              v2 = load.i64.s8 v0, 4
              v3 = add.i64 v1, v2
              ret v3
            """);
        var ctx = new byte[] { 0x10, 0, 0, 0, 0xff };
        IrInterpreter.Run(f, [0], [ctx]).ShouldBe(0x10 - 1);
    }

    [Theory]
    // eBPF's total division: by zero gives 0 (div) or the dividend (mod); MinValue / -1 is MinValue.
    [InlineData(Op.UDiv, 7, 0, 0)]
    [InlineData(Op.URem, 7, 0, 7)]
    [InlineData(Op.SDiv, int.MinValue, -1, int.MinValue)]
    [InlineData(Op.SRem, int.MinValue, -1, 0)]
    [InlineData(Op.SRem, -7, 2, -1)]
    [InlineData(Op.UDiv, -1, 2, 0x7fffffff)]
    // Shift counts are masked to the width, as C# does.
    [InlineData(Op.Shl, 1, 33, 2)]
    [InlineData(Op.AShr, -8, 65, -4)]
    [InlineData(Op.LShr, -8, 1, 0x7ffffffc)]
    internal void I32_arithmetic_has_ebpf_semantics(Op op, long a, long b, long expected)
    {
        IrArithmetic.Binary(op, IrType.I32, a, b).ShouldBe(expected);
    }

    [Fact]
    public void Byte_swaps_and_sign_extensions_are_canonical()
    {
        IrArithmetic.Unary(Op.ByteSwap, IrType.I32, 0x1234, 16).ShouldBe(0x3412);
        IrArithmetic.Unary(Op.ByteSwap, IrType.I32, 0x12345678, 32).ShouldBe(0x78563412);
        IrArithmetic.Unary(Op.ByteSwap, IrType.I32, 0x000000ff, 32).ShouldBe(unchecked((int)0xff000000));
        IrArithmetic.Unary(Op.SExtIn, IrType.I32, 0x80, 8).ShouldBe(-128);
        IrArithmetic.Unary(Op.ZExt, IrType.I64, -1).ShouldBe(0xffffffffL);
        IrArithmetic.Unary(Op.Trunc, IrType.I32, 0x1_8000_0000).ShouldBe(int.MinValue);
    }

    [Fact]
    public void A_function_that_never_returns_exhausts_the_budget()
    {
        var f = IrParser.Parse("func f() -> i64\nb0:\n  br b1\nb1: <- b0 b1\n  v1 = add.i64 1, 1\n  br b1");
        Should.Throw<InvalidOperationException>(() => IrInterpreter.Run(f, [])).Message.ShouldContain("budget");
    }
}
