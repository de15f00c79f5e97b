using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// The two programs of the issue, hand-written in the IR the middle pipeline leaves, must compile to
/// no more instructions than clang-19 -O2 -mcpu=v3 makes of the same C (listings pasted from
/// llvm-objdump-19 in the comments; ClangReferenceTests recompiles them when clang is installed).
/// </summary>
public sealed class ClangParityTests(ITestOutputHelper output)
{
    // skb => skb.Len < 6 ? Pass : Drop, with the join left by the front end.
    private const string LenFilterWithDiamond = """
        func filter(v0: ctxptr) -> i64
        b0:
          v1 = load.i32.u32 v0, 0        ; skb.Len  @Body.Test.Left
          v2 = cmp.ult.i32 v1, 6         ; skb.Len < 6  @Body.Test
          condbr v2, b1, b2
        b1: <- b0
          br b3
        b2: <- b0
          br b3
        b3: <- b1 b2
          v3 = phi.i64 [b1: 0xffffffff], [b2: 0]     ; skb.Len < 6 ? Pass : Drop  @Body
          ret v3
        """;

    // The same after CFG simplification merged one side away.
    private const string LenFilterMerged = """
        func filter(v0: ctxptr) -> i64
        b0:
          v1 = load.i32.u32 v0, 0        ; skb.Len  @Body.Test.Left
          v2 = cmp.ult.i32 v1, 6         ; skb.Len < 6  @Body.Test
          condbr v2, b2, b1
        b1: <- b0
          br b2
        b2: <- b0 b1
          v3 = phi.i64 [b0: 0xffffffff], [b1: 0]     ; skb.Len < 6 ? Pass : Drop  @Body
          ret v3
        """;

    // (skb.Len < 6 && skb.Protocol == 8) || skb.Mark > 100 ? Pass : Drop
    private const string AndOrFilter = """
        func filter(v0: ctxptr) -> i64
        b0:
          v1 = load.i32.u32 v0, 0
          v2 = cmp.ult.i32 v1, 6
          condbr v2, b1, b2
        b1: <- b0
          v3 = load.i32.u32 v0, 16
          v4 = cmp.eq.i32 v3, 8
          condbr v4, b3, b2
        b2: <- b0 b1
          v5 = load.i32.u32 v0, 8
          v6 = cmp.ugt.i32 v5, 100
          condbr v6, b3, b4
        b4: <- b2
          br b3
        b3: <- b1 b2 b4
          v7 = phi.i64 [b1: 0xffffffff], [b2: 0xffffffff], [b4: 0]
          ret v7
        """;

    [Theory]
    [InlineData(LenFilterWithDiamond)]
    [InlineData(LenFilterMerged)]
    public void Len_filter_is_clangs_five_instructions(string ir)
    {
        var code = Backend.Compile(ir);
        output.WriteLine(code.Disassemble());
        // clang-19: r1 = *(u32 *)(r1 + 0x0); w0 = -0x1; if w1 < 0x6 goto +0x1; w0 = 0x0; exit
        code.Instructions.Length.ShouldBe(5);
        var lines = Backend.Listing(code);
        lines[0].ShouldBe("r1 = *(u32 *)(r1 + 0x0)");
        lines[^1].ShouldBe("exit");
    }

    [Fact]
    public void And_or_filter_is_clangs_ten_instructions()
    {
        var code = Backend.Compile(AndOrFilter);
        output.WriteLine(code.Disassemble());
        code.Instructions.Length.ShouldBe(10);
    }
}
