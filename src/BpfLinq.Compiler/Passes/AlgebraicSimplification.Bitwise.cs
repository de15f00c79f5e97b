using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

// And, Or, Xor, Not and the shifts (counts are masked to the width, as eBPF and C# do).
internal sealed partial class AlgebraicSimplification
{
    private static AlgebraicRule[] BitwiseRules() =>
    [
        ConstantRight(Op.And),
        new("(And x (Const 0)) => (Const 0)", Op.And,
            static s => s.B.IsConst(0) ? s.Const(0) : null),
        new("(And x (Const -1)) => x", Op.And,
            static s => s.B.IsConst(-1) ? s.A : null),
        new("(And x x) => x", Op.And,
            static s => s.A == s.B ? s.A : null),
        new("(And (And x (Const c1)) (Const c2)) => (And x (Const c1&c2))", Op.And,
            static s => s.A.MatchBinaryConst(Op.And, out var x, out var c1) && s.B.MatchConst(out var c2)
                ? s.Emit(Op.And, s.Type, x, s.Const(c1 & c2)) : null),
        // A mask that keeps every bit x can have: u8 loads & 0xff, zext'd values & 0xffffffff.
        new("(And x (Const c)) => x when x has no bits outside c", Op.And,
            static s => s.B is Constant c && (KnownBits.MaybeOne(s.A) & ~(ulong)c.Bits) == 0 ? s.A : null),
        // The upper half of a zero-extended value is zero whatever the mask says, so mask in 32 bits.
        new("(And (ZExt x) (Const c)) => (ZExt (And x (Const (int)c)))", Op.And,
            static s => s.A.MatchUnary(Op.ZExt, out var x) && s.B.MatchConst(out var c)
                ? s.Emit(Op.ZExt, IrType.I64, s.Emit(Op.And, IrType.I32, x, s.Const(IrType.I32, c))) : null),

        ConstantRight(Op.Or),
        new("(Or x (Const 0)) => x", Op.Or,
            static s => s.B.IsConst(0) ? s.A : null),
        new("(Or x (Const -1)) => (Const -1)", Op.Or,
            static s => s.B.IsConst(-1) ? s.Const(-1) : null),
        new("(Or x x) => x", Op.Or,
            static s => s.A == s.B ? s.A : null),
        new("(Or (Or x (Const c1)) (Const c2)) => (Or x (Const c1|c2))", Op.Or,
            static s => s.A.MatchBinaryConst(Op.Or, out var x, out var c1) && s.B.MatchConst(out var c2)
                ? s.Emit(Op.Or, s.Type, x, s.Const(c1 | c2)) : null),

        ConstantRight(Op.Xor),
        new("(Xor x (Const 0)) => x", Op.Xor,
            static s => s.B.IsConst(0) ? s.A : null),
        new("(Xor x (Const -1)) => (Not x)", Op.Xor,
            static s => s.B.IsConst(-1) ? s.Emit(Op.Not, s.Type, s.A) : null),
        new("(Xor x x) => (Const 0)", Op.Xor,
            static s => s.A == s.B ? s.Const(0) : null),
        new("(Xor (Xor x (Const c1)) (Const c2)) => (Xor x (Const c1^c2))", Op.Xor,
            static s => s.A.MatchBinaryConst(Op.Xor, out var x, out var c1) && s.B.MatchConst(out var c2)
                ? s.Emit(Op.Xor, s.Type, x, s.Const(c1 ^ c2)) : null),

        new("(Not (Not x)) => x", Op.Not,
            static s => s.A.MatchUnary(Op.Not, out var x) ? x : null),
        new("(Not (Xor x (Const c))) => (Xor x (Const ~c))", Op.Not,
            static s => s.A.MatchBinaryConst(Op.Xor, out var x, out var c) ? s.Emit(Op.Xor, s.Type, x, s.Const(~c)) : null),

        .. ShiftRules(Op.Shl),
        .. ShiftRules(Op.LShr),
        .. ShiftRules(Op.AShr),
        new("(Shl (Shl x (Const c1)) (Const c2)) => (Shl x (Const c1+c2)), 0 when c1+c2 >= width", Op.Shl,
            static s => ShiftOfShift(s, Op.Shl) is ({ } x, var total) ? (total < s.Width ? s.Emit(Op.Shl, s.Type, x, s.Const(total)) : s.Const(0)) : null),
        new("(LShr (LShr x (Const c1)) (Const c2)) => (LShr x (Const c1+c2)), 0 when c1+c2 >= width", Op.LShr,
            static s => ShiftOfShift(s, Op.LShr) is ({ } x, var total) ? (total < s.Width ? s.Emit(Op.LShr, s.Type, x, s.Const(total)) : s.Const(0)) : null),
        new("(AShr (AShr x (Const c1)) (Const c2)) => (AShr x (Const min(c1+c2, width-1)))", Op.AShr,
            static s => ShiftOfShift(s, Op.AShr) is ({ } x, var total) ? s.Emit(Op.AShr, s.Type, x, s.Const(Math.Min(total, s.Width - 1))) : null),
        new("(LShr x (Const c)) => (Const 0) when x has no bits at or above c", Op.LShr,
            static s => s.B.MatchConst(out var c) && KnownBits.MaybeOne(s.A) >> s.ShiftCount(c) == 0 ? s.Const(0) : null),
        new("(AShr x (Const c)) => (LShr x (Const c)) when x >= 0", Op.AShr,
            static s => s.B.IsConstant && KnownBits.IsNonNegative(s.A) ? s.Emit(Op.LShr, s.Type, s.A, s.B) : null),
    ];

    private static AlgebraicRule[] ShiftRules(Op op) =>
    [
        // The verifier rejects shift immediates outside [0, width); the count means the same masked.
        new($"({op} x (Const c)) => ({op} x (Const c mod width))", op,
            static s => s.B.MatchConst(out var c) && s.ShiftCount(c) != c ? s.With(s.A, s.Const(s.ShiftCount(c))) : null),
        new($"({op} x (Const 0)) => x", op,
            static s => s.B.IsConst(0) ? s.A : null),
        new($"({op} (Const 0) y) => (Const 0)", op,
            static s => s.A.IsConst(0) ? s.Const(0) : null),
    ];

    // (op (op x c1) c2) with both counts constant: x and the sum of the masked counts.
    private static (Value X, int Total)? ShiftOfShift(RewriteSite s, Op op) =>
        s.A.MatchBinaryConst(op, out var x, out var c1) && s.B.MatchConst(out var c2)
            ? (x, s.ShiftCount(c1) + s.ShiftCount(c2))
            : null;
}
