using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// Redundant constant moves (Backend/RedundantMoves.cs): a move of a constant into a register that
/// already holds it on every path is dropped; one that some path reaches with another value, or
/// after something overwrote the register, stays. Each case is a whole function and its exact
/// instructions; the kernel theory runs them against the IR interpreter.
/// </summary>
public sealed class RedundantMovesTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // d != 0 && d != -1 ? x / d : 0: both guard edges carry 0 into the join; w0 = 0 once.
        { "same constant on two edges into a join", """
            func f(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 32
              v2 = cmp.ne.i32 v1, 0
              condbr v2, b1, b3
            b1: <- b0
              v3 = cmp.ne.i32 v1, -1
              condbr v3, b2, b3
            b2: <- b1
              v4 = load.i32.u32 v0, 8
              v5 = sdiv.i32 v4, v1
              br b3
            b3: <- b2 b0 b1
              v6 = phi.i32 [b2: v5], [b0: 0], [b1: 0]
              v7 = zext.i64 v6
              ret v7
            """, "r2 = *(u32 *)(r1 + 0x20) | w0 = 0x0 | if w2 == 0x0 goto +0x3 | if w2 == -0x1 goto +0x2 | r0 = *(u32 *)(r1 + 0x8) | w0 s/= w2 | exit" },
        // The second edge carries another constant: both moves are needed.
        { "different constants on the two edges", """
            func f(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 32
              v2 = cmp.ne.i32 v1, 0
              condbr v2, b1, b3
            b1: <- b0
              v3 = cmp.ne.i32 v1, 7
              condbr v3, b2, b3
            b2: <- b1
              br b3
            b3: <- b2 b0 b1
              v6 = phi.i32 [b2: 2], [b0: 0], [b1: 1]
              v7 = zext.i64 v6
              ret v7
            """, "r1 = *(u32 *)(r1 + 0x20) | w0 = 0x0 | if w1 == 0x0 goto +0x3 | w0 = 0x2 | if w1 != 0x7 goto +0x1 | w0 = 0x1 | exit" },
        // A 64-bit -1 is not a 32-bit -1 (0xffffffff): the second move changes the upper half.
        { "same immediate at another width", """
            func f(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 32
              v2 = cmp.ne.i32 v1, 0
              condbr v2, b1, b3
            b1: <- b0
              v3 = cmp.ne.i32 v1, 7
              condbr v3, b2, b3
            b2: <- b1
              br b3
            b3: <- b2 b0 b1
              v6 = phi.i64 [b2: 5], [b0: 0xffffffff], [b1: -1]
              ret v6
            """, "r1 = *(u32 *)(r1 + 0x20) | w0 = -0x1 | if w1 == 0x0 goto +0x3 | w0 = 0x5 | if w1 != 0x7 goto +0x1 | r0 = -0x1 | exit" },
        // A loop: the counter's register is 0 on entry but not around the back edge.
        { "a constant the loop overwrites", """
            func f(v0: ctxptr) -> i64
            b0:
              v1 = load.i32.u32 v0, 8
              br b1
            b1: <- b0 b2
              v2 = phi.i32 [b0: 0], [b2: v4]
              v3 = cmp.ult.i32 v2, v1
              condbr v3, b2, b3
            b2: <- b1
              v4 = add.i32 v2, 1
              v5 = cmp.ult.i32 v4, 16
              condbr v5, b1, b3
            b3: <- b1 b2
              v6 = phi.i32 [b1: 0], [b2: v4]
              v7 = zext.i64 v6
              ret v7
            """, "r1 = *(u32 *)(r1 + 0x8) | w0 = 0x0 | if w0 < w1 goto +0x2 | w0 = 0x0 | exit | w0 += 0x1 | if w0 < 0x10 goto -0x5 | exit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Drops_only_the_moves_every_path_has_made(string rule, string function, string expected)
    {
        var code = Backend.Compile(function);
        string.Join(" | ", Backend.Listing(code)).ShouldBe(expected, rule);
    }

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void The_code_computes_what_the_IR_says(string rule, string function, string expected)
    {
        _ = expected;
        var f = IrParser.Parse(function);
        TestRunInput[] contexts =
        [
            KernelHarness.Context(5, 6, 7, 8, 9, 10, 11),
            KernelHarness.Context(0, 0, 0, 0, 0, 0, 0),
            KernelHarness.Context(40, 0, 7, 0, 0, 0, 0),
            KernelHarness.Context(3, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff),
            KernelHarness.Context(0x80000000, 0, 2, 0, 0, 0, 0),
        ];
        KernelHarness.Run(Backend.Compile(f), contexts)
            .ShouldBe(contexts.Select(c => KernelHarness.Interpret(f, c)).ToArray(), rule);
    }
}
