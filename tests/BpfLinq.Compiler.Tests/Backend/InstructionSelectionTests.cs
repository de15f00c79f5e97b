using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// One code-shape assertion per selection rule (Go's test/codegen idea): a small function whose
/// body exercises the rule, and the exact instructions expected. Each listing is what clang would
/// write for the same operation; none needs more instructions than the operation itself.
/// </summary>
public sealed class InstructionSelectionTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // ALU32 for i32, immediates, zext free: the load lands in r0 and is updated in place.
        { "i32 add immediate", """
            v1 = load.i32.u32 v0, 8
            v2 = add.i32 v1, 5
            v3 = zext.i64 v2
            ret v3
            """, "r0 = *(u32 *)(r1 + 0x8) | w0 += 0x5 | exit" },
        { "i64 add sign-extended immediate", """
            v1 = load.i64.u64 v0, 48
            v2 = add.i64 v1, -1
            ret v2
            """, "r0 = *(u64 *)(r1 + 0x30) | r0 += -0x1 | exit" },
        { "i64 constant too wide for an immediate", """
            v1 = load.i64.u64 v0, 48
            v2 = add.i64 v1, 0x100000000
            ret v2
            """, "r0 = *(u64 *)(r1 + 0x30) | r1 = 0x100000000 ll | r0 += r1 | exit" },
        { "i64 and 0xffffffff is a 32-bit move", """
            v1 = load.i64.u64 v0, 48
            v2 = and.i64 v1, 0xffffffff
            ret v2
            """, "r1 = *(u64 *)(r1 + 0x30) | w0 = w1 | exit" },
        { "constant on the left of a commutative op", """
            v1 = load.i32.u32 v0, 8
            v2 = mul.i32 10, v1
            v3 = zext.i64 v2
            ret v3
            """, "r0 = *(u32 *)(r1 + 0x8) | w0 *= 0xa | exit" },
        { "constant on the left of sub", """
            v1 = load.i32.u32 v0, 8
            v2 = sub.i32 10, v1
            v3 = zext.i64 v2
            ret v3
            """, "r1 = *(u32 *)(r1 + 0x8) | w0 = 0xa | w0 -= w1 | exit" },
        { "zero minus x is neg", """
            v1 = load.i32.u32 v0, 8
            v2 = sub.i32 0, v1
            v3 = zext.i64 v2
            ret v3
            """, "r0 = *(u32 *)(r1 + 0x8) | w0 = -w0 | exit" },
        { "not is xor -1", """
            v1 = load.i64.u64 v0, 48
            v2 = not.i64 v1
            ret v2
            """, "r0 = *(u64 *)(r1 + 0x30) | r0 ^= -0x1 | exit" },
        { "shift count masked to the width", """
            v1 = load.i32.u32 v0, 8
            v2 = shl.i32 v1, 33
            v3 = zext.i64 v2
            ret v3
            """, "r0 = *(u32 *)(r1 + 0x8) | w0 <<= 0x1 | exit" },
        { "shift by the width is no shift", """
            v1 = load.i64.u64 v0, 48
            v2 = ashr.i64 v1, 64
            ret v2
            """, "r0 = *(u64 *)(r1 + 0x30) | exit" },
        { "shift by a register", """
            v1 = load.i64.u64 v0, 48
            v2 = load.i64.u64 v0, 56
            v3 = lshr.i64 v1, v2
            ret v3
            """, "r0 = *(u64 *)(r1 + 0x30) | r1 = *(u64 *)(r1 + 0x38) | r0 >>= r1 | exit" },
        { "unsigned division and modulo", """
            v1 = load.i32.u32 v0, 8
            v2 = udiv.i32 v1, 3
            v3 = urem.i32 v2, 7
            v4 = zext.i64 v3
            ret v4
            """, "r0 = *(u32 *)(r1 + 0x8) | w0 /= 0x3 | w0 %= 0x7 | exit" },
        { "signed division and modulo", """
            v1 = load.i64.u64 v0, 48
            v2 = sdiv.i64 v1, -3
            v3 = srem.i64 v2, 7
            ret v3
            """, "r0 = *(u64 *)(r1 + 0x30) | r0 s/= -0x3 | r0 s%= 0x7 | exit" },
        { "division by a constant zero is zero", """
            v1 = load.i32.u32 v0, 8
            v2 = udiv.i32 v1, 0
            v3 = zext.i64 v2
            ret v3
            """, "w0 = 0x0 | exit" }, // the load is dead once the division folds
        { "modulo by a constant zero is the dividend", """
            v1 = load.i32.u32 v0, 8
            v2 = srem.i32 v1, 0
            v3 = zext.i64 v2
            ret v3
            """, "r0 = *(u32 *)(r1 + 0x8) | exit" },
        { "sext is movsx", """
            v1 = load.i32.u32 v0, 8
            v2 = sext.i64 v1
            ret v2
            """, "r1 = *(u32 *)(r1 + 0x8) | r0 = (s32)r1 | exit" },
        { "trunc is a 32-bit move", """
            v1 = load.i64.u64 v0, 48
            v2 = trunc.i32 v1
            v3 = sext.i64 v2
            ret v3
            """, "r1 = *(u64 *)(r1 + 0x30) | w1 = w1 | r0 = (s32)r1 | exit" },
        { "trunc of a zero-extended value is free", """
            v1 = load.i64.u32 v0, 8
            v2 = trunc.i32 v1
            v3 = add.i32 v2, 1
            v4 = zext.i64 v3
            ret v4
            """, "r0 = *(u32 *)(r1 + 0x8) | w0 += 0x1 | exit" },
        { "sign extension within 32 bits", """
            v1 = load.i32.u32 v0, 8
            v2 = sextin.i32 v1, 8
            v3 = zext.i64 v2
            ret v3
            """, "r1 = *(u32 *)(r1 + 0x8) | w0 = (s8)w1 | exit" },
        { "sign extension within 64 bits", """
            v1 = load.i64.u64 v0, 48
            v2 = sextin.i64 v1, 16
            ret v2
            """, "r1 = *(u64 *)(r1 + 0x30) | r0 = (s16)r1 | exit" },
        { "byte swap", """
            v1 = load.i32.u32 v0, 8
            v2 = byteswap.i32 v1, 16
            v3 = zext.i64 v2
            ret v3
            """, "r0 = *(u32 *)(r1 + 0x8) | r0 = be16 r0 | exit" },
        { "64-bit byte swap", """
            v1 = load.i64.u64 v0, 48
            v2 = byteswap.i64 v1, 64
            ret v2
            """, "r0 = *(u64 *)(r1 + 0x30) | r0 = be64 r0 | exit" },
        // Constants: the shortest encoding that gives the exact 64 bits.
        { "0xffffffff is w0 = -1", "ret 0xffffffff", "w0 = -0x1 | exit" },
        { "-1 is r0 = -1", "ret -1", "r0 = -0x1 | exit" },
        { "a wide constant is ld_imm64", "ret 0x123456789", "r0 = 0x123456789 ll | exit" },
        // Memory: offsets fold, immediates store directly, sign-extending loads.
        { "ptradd folds into the load offset", """
            v1 = ptradd.ctxptr v0, 48
            v2 = ptradd.ctxptr v1, 2
            v3 = load.i64.u32 v2, 2
            ret v3
            """, "r0 = *(u32 *)(r1 + 0x34) | exit" },
        { "store of an immediate", """
            store.u32 v0, 48, 5
            ret 0
            """, "*(u32 *)(r1 + 0x30) = 0x5 | w0 = 0x0 | exit" },
        { "store of a register", """
            v1 = load.i32.u32 v0, 8
            store.u16 v0, 50, v1
            ret 0
            """, "r2 = *(u32 *)(r1 + 0x8) | *(u16 *)(r1 + 0x32) = r2 | w0 = 0x0 | exit" },
        { "store of a wide constant goes through a register", """
            store.u64 v0, 48, 0x123456789
            ret 0
            """, "r2 = 0x123456789 ll | *(u64 *)(r1 + 0x30) = r2 | w0 = 0x0 | exit" },
        { "signed i64 load", """
            v1 = load.i64.s8 v0, 8
            ret v1
            """, "r0 = *(s8 *)(r1 + 0x8) | exit" },
        { "signed i32 load keeps the upper half zero", """
            v1 = load.i32.s16 v0, 8
            v2 = zext.i64 v1
            ret v2
            """, "r1 = *(u16 *)(r1 + 0x8) | w0 = (s16)w1 | exit" },
        // Branches: fused compare, immediates, swapped operands, jset.
        { "compare with the constant on the left", OneOrTwo("""
            v1 = load.i32.u32 v0, 8
            v2 = cmp.ugt.i32 6, v1
            """), "r1 = *(u32 *)(r1 + 0x8) | w0 = 0x1 | if w1 < 0x6 goto +0x1 | w0 = 0x2 | exit" },
        { "bit test is jset", OneOrTwo("""
            v1 = load.i32.u32 v0, 8
            v2 = cmp.test.i32 v1, 4
            """), "r1 = *(u32 *)(r1 + 0x8) | w0 = 0x1 | if w1 & 0x4 goto +0x1 | w0 = 0x2 | exit" },
        { "negated bit test is jset to the other side", OneOrTwo("""
            v1 = load.i32.u32 v0, 8
            v2 = cmp.nottest.i32 v1, 4
            """), "r1 = *(u32 *)(r1 + 0x8) | w0 = 0x2 | if w1 & 0x4 goto +0x1 | w0 = 0x1 | exit" },
        { "64-bit compare with a register", OneOrTwo("""
            v1 = load.i64.u64 v0, 48
            v2 = load.i64.u64 v0, 56
            v3 = cmp.slt.i64 v1, v2
            """), "r2 = *(u64 *)(r1 + 0x30) | r1 = *(u64 *)(r1 + 0x38) | w0 = 0x1 | if r2 s< r1 goto +0x1 | w0 = 0x2 | exit" },
        { "64-bit compare with a constant too wide for the immediate", OneOrTwo("""
            v1 = load.i64.u64 v0, 48
            v2 = cmp.eq.i64 v1, 0x100000000
            """), "r2 = *(u64 *)(r1 + 0x30) | r1 = 0x100000000 ll | w0 = 0x1 | if r2 == r1 goto +0x1 | w0 = 0x2 | exit" },
        // Calls: arguments in r1-r5, result from r0, the context survives in r6.
        { "helper call arguments", """
            v1 = load.i64.u64 v0, 48
            v2 = call.i64 28(0, 0, 0, 0, v1)
            ret v2
            """, "r5 = *(u64 *)(r1 + 0x30) | w1 = 0x0 | w2 = 0x0 | w3 = 0x0 | w4 = 0x0 | call 0x1c | exit" },
        { "context live across a call", """
            v1 = call.i64 7()
            v2 = load.i64.u32 v0, 8
            v3 = add.i64 v1, v2
            ret v3
            """, "r6 = r1 | call 0x7 | r1 = *(u32 *)(r6 + 0x8) | r0 += r1 | exit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Selects_the_expected_instructions(string rule, string body, string expected)
    {
        var code = Backend.Compile(Function(body));
        string.Join(" | ", Backend.Listing(code)).ShouldBe(expected, rule);
    }

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void The_selected_code_loads_and_computes_what_the_IR_says(string rule, string body, string expected)
    {
        _ = expected;
        var f = IrParser.Parse(Function(body));
        var code = Backend.Compile(f);
        if (body.Contains("call", StringComparison.Ordinal))
        {
            // A helper's result is not ours to predict: load only (the verifier must accept).
            KernelHarness.Run(code, []);
            return;
        }
        TestRunInput[] contexts =
        [
            KernelHarness.Context(5, 6, 7, 8, 9, 10, 11),
            KernelHarness.Context(0xfffffff0, 0x80000000, 0xdeadbeef, 0x12345678, 4, 0xffffffff, 0),
        ];
        KernelHarness.Run(code, contexts)
            .ShouldBe(contexts.Select(c => KernelHarness.Interpret(f, c)).ToArray(), rule);
    }

    // The compare (the last line, defining the condition) chooses 1 or 2 through a diamond.
    private static string OneOrTwo(string compare)
    {
        var condition = compare.TrimEnd().Split('\n')[^1].Split('=')[0].Trim();
        return compare.TrimEnd() + $"\ncondbr {condition}, b1, b2\nb1:\nbr b3\nb2:\nbr b3\nb3:\nv9 = phi.i64 [b1: 1], [b2: 2]\nret v9";
    }

    private static string Function(string body) =>
        "func f(v0: ctxptr) -> i64\nb0:\n" + string.Join("\n", body.Split('\n').Select(l => l.EndsWith(':') ? l : "  " + l));
}
