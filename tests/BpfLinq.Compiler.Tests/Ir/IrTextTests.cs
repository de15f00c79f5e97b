using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Ir;

public sealed class IrTextTests
{
    private const string Filter = """
        func filter(v0: ctxptr) -> i64
        b0:
          v1 = load.i32.u32 v0, 0               ; skb.Len  @Body.Test.Left
          v2 = cmp.ult.i32 v1, 6                ; skb.Len < 6  @Body.Test
          condbr v2, b1, b2
        b1: <- b0
          ret 0xffffffff
        b2: <- b0
          ret 0
        """;

    /// <summary>Sums 0..v0-1 in a loop (the interpreter tests run it too).</summary>
    internal const string Loop = """
        func sum(v0: i64) -> i64
        b0:
          br b1
        b1: <- b0 b2
          v1 = phi.i64 [b0: 0], [b2: v4]
          v2 = phi.i64 [b0: 0], [b2: v5]
          v3 = cmp.slt.i64 v1, v0
          condbr v3, b2, b3
        b2: <- b1
          v4 = add.i64 v1, 1
          v5 = add.i64 v2, v1
          br b1
        b3: <- b1
          ret v2
        """;

    private const string EveryOp = """
        func ops(v0: ctxptr, v1: i64) -> i64
        b0:
          v2 = load.i32.u16 v0, 4
          v3 = sextin.i32 v2, 8
          v4 = zext.i64 v3
          v5 = sext.i64 v2
          v6 = trunc.i32 v1
          v7 = byteswap.i32 v6, 16
          v8 = mul.i32 v7, -3
          v9 = sdiv.i64 v4, v5
          v10 = urem.i64 v9, 0x100000000
          v11 = lshr.i64 v10, 3
          v12 = not.i64 v11
          v13 = neg.i64 v12
          v14 = call.i64 5()
          v15 = call.i64 26(v0, 0, v14, 6)
          store.u32 v0, 48, v8
          v16 = xor.i64 v13, v15
          v17 = cmp.test.i64 v16, 255
          condbr v17, b1, b2
        b1: <- b0
          ret v16
        b2: <- b0
          ret -1
        """;

    [Theory]
    [InlineData(Filter)]
    [InlineData(Loop)]
    [InlineData(EveryOp)]
    public void Printing_what_was_parsed_gives_the_same_text(string text)
    {
        var f = IrParser.Parse(text);
        IrVerifier.Check(f).ShouldBeEmpty();
        Normalize(IrPrinter.Print(f)).ShouldBe(Normalize(text));
    }

    [Fact]
    public void Constants_are_interned_and_typed_by_their_slot()
    {
        var f = IrParser.Parse(Filter);
        var cmp = f.Blocks[0].Instrs[1];
        cmp.Operands[1].ShouldBeOfType<Constant>().Type.ShouldBe(IrType.I32);
        f.Const(IrType.I32, 6).ShouldBeSameAs(cmp.Operands[1]);
        f.Const(IrType.I32, 0xffffffffL).ShouldBeSameAs(f.Const(IrType.I32, -1));
        var ret = f.Blocks[1].Terminator!;
        ret.Operands[0].ShouldBeSameAs(f.Const(IrType.I64, 0xffffffffL));
    }

    [Fact]
    public void A_constant_of_an_unexpected_type_prints_its_type()
    {
        var f = new Function("f", IrType.I64);
        var b = new IrBuilder(f) { Current = f.AddBlock() };
        var call = b.Call(5, IrType.I64, f.Const(IrType.I32, 7));
        b.Ret(call);
        var text = IrPrinter.Print(f);
        text.ShouldContain("call.i64 5(7:i32)");
        IrPrinter.Print(IrParser.Parse(text)).ShouldBe(text);
    }

    [Theory]
    [InlineData("func f() -> i64\nb0:\n  v1 = frob.i64 1, 2\n  ret v1", "line 3: unknown op 'frob'")]
    [InlineData("func f() -> i64\nb0:\n  ret v9", "line 3: undefined value v9")]
    [InlineData("func f() -> i64\nb0:\n  v1 = load.i64.u12 v0, 0\n  ret v1", "line 3: bad access width 'u12'")]
    [InlineData("  ret 0", "line 1: instruction outside a block")]
    public void Malformed_text_is_rejected_with_the_line(string text, string message)
    {
        Should.Throw<FormatException>(() => IrParser.Parse(text)).Message.ShouldBe(message);
    }

    internal static string Normalize(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\s+;", " ;")));
}
