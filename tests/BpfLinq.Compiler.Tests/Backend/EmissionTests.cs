using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Ir;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>Properties of the emitted artifact: deterministic bytes, a source for every slot, no dead code.</summary>
public sealed class EmissionTests
{
    private const string Annotated = """
        func filter(v0: ctxptr) -> i64
        b0:
          v1 = load.i64.u32 v0, 8                ; skb.Mark  @Body.Test.Left
          v2 = cmp.ugt.i64 v1, 100               ; skb.Mark > 100  @Body.Test
          condbr v2, b1, b2
        b1: <- b0
          v3 = mul.i64 v1, 0x123456789           ; skb.Mark * 0x123456789L  @Body.IfTrue
          br b3
        b2: <- b0
          br b3
        b3: <- b1 b2
          v4 = phi.i64 [b1: v3], [b2: 0]         ; skb.Mark > 100 ? ... : 0  @Body
          ret v4                                 ; return  @Body
        """;

    [Fact]
    public void The_same_function_gives_the_same_bytes()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var first = Backend.Compile(RandomIr.GenerateForTc(seed, 25));
            var second = Backend.Compile(RandomIr.GenerateForTc(seed, 25));
            second.Instructions.ShouldBe(first.Instructions, $"seed {seed}");
            second.Sources.ShouldBe(first.Sources, $"seed {seed}");
        }
    }

    [Fact]
    public void Every_slot_maps_to_the_expression_it_came_from()
    {
        var code = Backend.Compile(Annotated);
        code.Sources.Length.ShouldBe(code.Instructions.Length);
        code.Sources.ShouldAllBe(s => s != null);
        var listing = Backend.Listing(code);
        // The wide constant's two slots both belong to the multiplication.
        var wide = Array.FindIndex(code.Instructions, i => i.IsLoadImm64);
        code.Sources[wide]!.Text.ShouldBe("skb.Mark * 0x123456789L");
        code.Sources[wide + 1].ShouldBe(code.Sources[wide]);
        var branch = Array.FindIndex(code.Instructions, i => i.IsJump && i.JmpOp != JmpOp.Ja);
        code.Sources[branch]!.Path.ShouldBe("Body.Test");
        code.Disassemble().ShouldContain("; skb.Mark > 100\n");
        listing.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Unreachable_blocks_are_not_emitted()
    {
        // b2 is unreachable (the verifier would reject its instructions as unreachable).
        var code = Backend.Compile("""
            func f(v0: ctxptr) -> i64
            b0:
              v1 = load.i64.u32 v0, 8
              br b1
            b2:
              store.u32 v0, 48, 1
              br b1
            b1: <- b0 b2
              v3 = phi.i64 [b0: v1], [b2: 7]
              ret v3
            """);
        Backend.Text(code).ShouldBe("r0 = *(u32 *)(r1 + 0x8)\nexit");
    }

    [Fact]
    public void A_branch_on_a_constant_becomes_a_jump_and_the_dead_side_disappears()
    {
        var f = IrParser.Parse("""
            func f(v0: ctxptr) -> i64
            b0:
              v1 = cmp.eq.i32 3, 3
              condbr v1, b1, b2
            b1: <- b0
              br b3
            b2: <- b0
              br b3
            b3: <- b1 b2
              v2 = phi.i64 [b1: 10], [b2: 20]
              ret v2
            """);
        Backend.Text(Backend.Compile(f)).ShouldBe("w0 = 0xa\nexit");
    }
}
