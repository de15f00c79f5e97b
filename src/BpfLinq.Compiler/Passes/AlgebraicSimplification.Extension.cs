using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

// ZExt, SExt, Trunc, SExtIn: moving between 32 and 64 bits. Zero extension is free in the
// backend (ALU32 clears the upper half) while sign extension costs a movsx, so rules prefer it.
internal sealed partial class AlgebraicSimplification
{
    private static AlgebraicRule[] ExtensionRules() =>
    [
        new("(SExt x) => (ZExt x) when x >= 0", Op.SExt,
            static s => KnownBits.IsNonNegative(s.A) ? s.Emit(Op.ZExt, IrType.I64, s.A) : null),

        new("(Trunc (ZExt x)) => x", Op.Trunc,
            static s => s.A.MatchUnary(Op.ZExt, out var x) ? x : null),
        new("(Trunc (SExt x)) => x", Op.Trunc,
            static s => s.A.MatchUnary(Op.SExt, out var x) ? x : null),
        // The low 32 bits of these ops depend only on the low 32 bits of their operands, so a C#
        // (int)(a + b) over widened ints is computed in ALU32 without the widening.
        .. NarrowingRules(Op.Add),
        .. NarrowingRules(Op.Sub),
        .. NarrowingRules(Op.Mul),
        .. NarrowingRules(Op.And),
        .. NarrowingRules(Op.Or),
        .. NarrowingRules(Op.Xor),

        new("(SExtIn x k) => x when x < 2^(k-1)", Op.SExtIn,
            static s => KnownBits.UnsignedMax(s.A) < (1UL << (int)(s.Instr.Imm - 1)) ? s.A : null),
        new("(SExtIn (SExtIn x k) k) => (SExtIn x k)", Op.SExtIn,
            static s => s.A.MatchInstr(Op.SExtIn, out var inner) && inner.Imm == s.Instr.Imm ? inner : null),
    ];

    private static AlgebraicRule[] NarrowingRules(Op op) =>
    [
        new($"(Trunc ({op} a b)) => ({op} (Trunc a) (Trunc b)) when a and b are extensions or constants", Op.Trunc,
            s => s.A.MatchBinary(op, out var a, out var b) && Narrow(s, a) is { } x && Narrow(s, b) is { } y
                ? s.Emit(op, IrType.I32, x, y) : null),
    ];

    // The i32 whose widening v is, when that costs nothing to see: (ZExt x), (SExt x), a constant.
    private static Value? Narrow(RewriteSite s, Value v) => v switch
    {
        Constant c => s.Const(IrType.I32, c.Bits),
        Instr { Op: Op.ZExt or Op.SExt } e => e.Operands[0],
        _ => null,
    };
}
