using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

// Add, Sub, Mul, the divisions and remainders (eBPF's total ones), Neg, PtrAdd and loads through it.
internal sealed partial class AlgebraicSimplification
{
    private static AlgebraicRule[] ArithmeticRules() =>
    [
        ConstantRight(Op.Add),
        new("(Add x (Const 0)) => x", Op.Add,
            static s => s.B.IsConst(0) ? s.A : null),
        new("(Add (Add x (Const c1)) (Const c2)) => (Add x (Const c1+c2))", Op.Add,
            static s => s.A.MatchBinaryConst(Op.Add, out var x, out var c1) && s.B.MatchConst(out var c2)
                ? s.Emit(Op.Add, s.Type, x, s.Const(c1 + c2)) : null),
        new("(Add x (Neg y)) => (Sub x y)", Op.Add,
            static s => s.B.MatchUnary(Op.Neg, out var y) ? s.Emit(Op.Sub, s.Type, s.A, y) : null),
        new("(Add (Neg x) y) => (Sub y x)", Op.Add,
            static s => s.A.MatchUnary(Op.Neg, out var x) ? s.Emit(Op.Sub, s.Type, s.B, x) : null),

        new("(Sub x x) => (Const 0)", Op.Sub,
            static s => s.A == s.B ? s.Const(0) : null),
        new("(Sub x (Const c)) => (Add x (Const -c))", Op.Sub,
            static s => s.B.MatchConst(out var c) ? s.Emit(Op.Add, s.Type, s.A, s.Const(-c)) : null),
        new("(Sub (Const 0) x) => (Neg x)", Op.Sub,
            static s => s.A.IsConst(0) ? s.Emit(Op.Neg, s.Type, s.B) : null),
        new("(Sub x (Neg y)) => (Add x y)", Op.Sub,
            static s => s.B.MatchUnary(Op.Neg, out var y) ? s.Emit(Op.Add, s.Type, s.A, y) : null),
        new("(Sub (Add x y) y) => x", Op.Sub,
            static s => s.A.MatchBinary(Op.Add, out var x, out var y) && y == s.B ? x : null),
        new("(Sub (Add x y) x) => y", Op.Sub,
            static s => s.A.MatchBinary(Op.Add, out var x, out var y) && x == s.B ? y : null),

        ConstantRight(Op.Mul),
        new("(Mul x (Const 0)) => (Const 0)", Op.Mul,
            static s => s.B.IsConst(0) ? s.Const(0) : null),
        new("(Mul x (Const 1)) => x", Op.Mul,
            static s => s.B.IsConst(1) ? s.A : null),
        new("(Mul x (Const -1)) => (Neg x)", Op.Mul,
            static s => s.B.IsConst(-1) ? s.Emit(Op.Neg, s.Type, s.A) : null),
        new("(Mul x (Const 2^k)) => (Shl x (Const k))", Op.Mul,
            static s => RewriteSite.Log2(s.B, s.Type) is { } k ? s.Emit(Op.Shl, s.Type, s.A, s.Const(k)) : null),
        new("(Mul (Mul x (Const c1)) (Const c2)) => (Mul x (Const c1*c2))", Op.Mul,
            static s => s.A.MatchBinaryConst(Op.Mul, out var x, out var c1) && s.B.MatchConst(out var c2)
                ? s.Emit(Op.Mul, s.Type, x, s.Const(c1 * c2)) : null),

        new("(UDiv x (Const 0)) => (Const 0)", Op.UDiv,
            static s => s.B.IsConst(0) ? s.Const(0) : null),
        new("(UDiv x (Const 1)) => x", Op.UDiv,
            static s => s.B.IsConst(1) ? s.A : null),
        new("(UDiv x (Const 2^k)) => (LShr x (Const k))", Op.UDiv,
            static s => RewriteSite.Log2(s.B, s.Type) is { } k ? s.Emit(Op.LShr, s.Type, s.A, s.Const(k)) : null),
        new("(UDiv x (Const c)) => (Const 0) when x < c", Op.UDiv,
            static s => s.B is Constant c && KnownBits.UnsignedMax(s.A) < ((ulong)c.Bits & KnownBits.WidthMask(s.Type)) ? s.Const(0) : null),

        new("(SDiv x (Const 0)) => (Const 0)", Op.SDiv,
            static s => s.B.IsConst(0) ? s.Const(0) : null),
        new("(SDiv x (Const 1)) => x", Op.SDiv,
            static s => s.B.IsConst(1) ? s.A : null),
        // eBPF: MinValue / -1 == MinValue == -MinValue.
        new("(SDiv x (Const -1)) => (Neg x)", Op.SDiv,
            static s => s.B.IsConst(-1) ? s.Emit(Op.Neg, s.Type, s.A) : null),
        new("(SDiv x (Const 2^k)) => (LShr x (Const k)) when x >= 0", Op.SDiv,
            static s => RewriteSite.Log2(s.B, s.Type) is { } k && k < s.Width - 1 && KnownBits.IsNonNegative(s.A)
                ? s.Emit(Op.LShr, s.Type, s.A, s.Const(k)) : null),

        new("(URem x (Const 0)) => x", Op.URem,
            static s => s.B.IsConst(0) ? s.A : null),
        new("(URem x (Const 1)) => (Const 0)", Op.URem,
            static s => s.B.IsConst(1) ? s.Const(0) : null),
        new("(URem x (Const 2^k)) => (And x (Const 2^k-1))", Op.URem,
            static s => RewriteSite.Log2(s.B, s.Type) is { } k ? s.Emit(Op.And, s.Type, s.A, s.Const((1L << k) - 1)) : null),
        new("(URem x x) => (Const 0)", Op.URem,
            static s => s.A == s.B ? s.Const(0) : null),

        new("(SRem x (Const 0)) => x", Op.SRem,
            static s => s.B.IsConst(0) ? s.A : null),
        // eBPF: MinValue % -1 == 0, like every other x % -1.
        new("(SRem x (Const 1|-1)) => (Const 0)", Op.SRem,
            static s => s.B.IsConst(1) || s.B.IsConst(-1) ? s.Const(0) : null),
        new("(SRem x (Const 2^k)) => (And x (Const 2^k-1)) when x >= 0", Op.SRem,
            static s => RewriteSite.Log2(s.B, s.Type) is { } k && k < s.Width - 1 && KnownBits.IsNonNegative(s.A)
                ? s.Emit(Op.And, s.Type, s.A, s.Const((1L << k) - 1)) : null),
        new("(SRem x x) => (Const 0)", Op.SRem,
            static s => s.A == s.B ? s.Const(0) : null),

        new("(Neg (Neg x)) => x", Op.Neg,
            static s => s.A.MatchUnary(Op.Neg, out var x) ? x : null),
        new("(Neg (Sub x y)) => (Sub y x)", Op.Neg,
            static s => s.A.MatchBinary(Op.Sub, out var x, out var y) ? s.Emit(Op.Sub, s.Type, y, x) : null),

        new("(PtrAdd p (Const 0)) => p", Op.PtrAdd,
            static s => s.B.IsConst(0) ? s.A : null),
        new("(PtrAdd (PtrAdd p (Const c1)) (Const c2)) => (PtrAdd p (Const c1+c2))", Op.PtrAdd,
            static s => s.A.MatchBinaryConst(Op.PtrAdd, out var p, out var c1) && s.B.MatchConst(out var c2)
                ? s.Emit(Op.PtrAdd, s.Type, p, s.Const(IrType.I64, c1 + c2)) : null),
        // The verifier only allows context reads at a constant offset from the context pointer
        // itself; any load is cheaper with the offset in the instruction (a signed 16-bit field).
        new("(Load (PtrAdd p (Const c)) off) => (Load p off+c)", Op.Load,
            static s => s.A.MatchBinaryConst(Op.PtrAdd, out var p, out var c) && s.Instr.Imm + c is >= short.MinValue and <= short.MaxValue
                ? s.Load(p, s.Instr.Imm + c) : null),
    ];
}
