using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Ir;

public sealed class IrVerifierTests
{
    [Theory]
    [InlineData("""
        func f(v0: i64) -> i64
        b0:
          v1 = add.i32 v0, 1
          ret 0
        """, nameof(IrErrorKind.OperandType), "block b0: add")]
    [InlineData("""
        func f(v0: i64) -> i64
        b0:
          v1 = cmp.eq.i64 v0, 1
          v2 = add.i64 v0, 1
          condbr v1, b1, b1
        b1: <- b0 b0
          v3 = phi.i64 [b0: v2]
          ret v3
        """, nameof(IrErrorKind.PhiEdgeMismatch), "block b1")]
    [InlineData("""
        func f(v0: i64) -> i64
        b0:
          v1 = cmp.eq.i64 v0, 1
          condbr v1, b1, b2
        b1: <- b0
          v2 = add.i64 v0, 1
          br b2
        b2: <- b0 b1
          ret v2
        """, nameof(IrErrorKind.NotDominated), "block b2")]
    [InlineData("""
        func f(v0: i64) -> i64
        b0:
          v1 = load.i32.u64 v0, 0
          ret 0
        """, nameof(IrErrorKind.MalformedInstruction), "block b0: load")]
    [InlineData("""
        func f(v0: ctxptr) -> i64
        b0:
          v1 = load.i32.u64 v0, 0
          ret 0
        """, nameof(IrErrorKind.MalformedInstruction), "block b0: load")]
    public void Malformed_functions_are_reported_by_kind_and_location(string text, string kind, string location)
    {
        IrVerifier.Check(IrParser.Parse(text)).ShouldContain(e => e.Kind == Enum.Parse<IrErrorKind>(kind) && e.Location == location);
    }

    [Fact]
    public void A_value_may_not_be_used_before_its_definition_in_the_same_block()
    {
        var f = new Function("f", IrType.I64);
        var b = new IrBuilder(f) { Current = f.AddBlock() };
        var one = b.Binary(Op.Add, IrType.I64, f.Const(IrType.I64, 1), f.Const(IrType.I64, 1));
        var two = b.Binary(Op.Add, IrType.I64, one, one);
        one.SetOperand(0, two);
        b.Ret(two);
        IrVerifier.Check(f).ShouldContain(e => e.Kind == IrErrorKind.NotDominated && e.Location == "block b0");
    }

    [Fact]
    public void Bools_may_only_feed_branches()
    {
        var f = new Function("f", IrType.I64);
        var b = new IrBuilder(f) { Current = f.AddBlock() };
        var c = b.Cmp(Cond.Eq, f.Const(IrType.I64, 1), f.Const(IrType.I64, 2));
        b.Call(5, IrType.I64, c);
        b.Ret(f.Const(IrType.I64, 0));
        IrVerifier.Check(f).ShouldContain(e => e.Kind == IrErrorKind.OperandKind && e.Location == "block b0: call");
    }

    [Fact]
    public void VerifyOrThrow_names_the_phase_and_dumps_the_function()
    {
        var f = IrParser.Parse("func f(v0: i64) -> i64\nb0:\n  v1 = add.i32 v0, 1\n  ret 0");
        var e = Should.Throw<InternalCompilerError>(() => IrVerifier.VerifyOrThrow(f, "constant folding"));
        e.Phase.ShouldBe("constant folding");
        e.Message.ShouldContain("a bug in BpfLinq");
        e.Message.ShouldContain("v1 = add.i32 v0, 1");
    }
}
