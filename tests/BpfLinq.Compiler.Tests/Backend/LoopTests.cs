using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// Loops with constant trip counts (the bounded loops the verifier accepts): loop-carried values
/// stay in one register each, with no copies in the body, and the kernel computes what the IR says.
/// </summary>
public sealed class LoopTests
{
    // long s = mark; for (long i = 0; i < 10; i++) s += i; return s;
    private const string WhileLoop = """
        func sum(v0: ctxptr) -> i64
        b0:
          v10 = load.i64.u32 v0, 8
          br b1
        b1: <- b0 b2
          v1 = phi.i64 [b0: 0], [b2: v4]
          v2 = phi.i64 [b0: v10], [b2: v5]
          v3 = cmp.slt.i64 v1, 10
          condbr v3, b2, b3
        b2: <- b1
          v4 = add.i64 v1, 1
          v5 = add.i64 v2, v1
          br b1
        b3: <- b1
          ret v2
        """;

    // The same as a do-while: the test at the bottom.
    private const string DoWhileLoop = """
        func sum(v0: ctxptr) -> i64
        b0:
          v10 = load.i64.u32 v0, 8
          br b1
        b1: <- b0 b1
          v1 = phi.i64 [b0: 0], [b1: v4]
          v2 = phi.i64 [b0: v10], [b1: v5]
          v4 = add.i64 v1, 1
          v5 = add.i64 v2, v1
          v3 = cmp.slt.i64 v4, 10
          condbr v3, b1, b2
        b2: <- b1
          ret v5
        """;

    public static TheoryData<string, string> Loops => new()
    {
        // The increment sinks below the other reader of i, so neither needs a copy.
        { WhileLoop, "r0 = *(u32 *)(r1 + 0x8) | w1 = 0x0 | if r1 s< 0xa goto +0x1 | exit | r0 += r1 | r1 += 0x1 | goto -0x5" },
        { DoWhileLoop, "r0 = *(u32 *)(r1 + 0x8) | w1 = 0x0 | r0 += r1 | r1 += 0x1 | if r1 s< 0xa goto -0x3 | exit" },
    };

    [Theory]
    [MemberData(nameof(Loops))]
    public void Loop_carried_values_need_no_copies(string ir, string expected) =>
        string.Join(" | ", Backend.Listing(Backend.Compile(ir))).ShouldBe(expected);

    [KernelTheory]
    [MemberData(nameof(Loops))]
    public void Loops_load_and_compute_what_the_IR_says(string ir, string expected)
    {
        _ = expected;
        var f = IrParser.Parse(ir);
        TestRunInput[] contexts = [KernelHarness.Context(0, 0), KernelHarness.Context(1000, 0)];
        var results = KernelHarness.Run(Backend.Compile(f), contexts);
        results.ShouldBe(contexts.Select(c => KernelHarness.Interpret(f, c)).ToArray());
        results.ShouldBe([45u, 1045u]);
    }
}
