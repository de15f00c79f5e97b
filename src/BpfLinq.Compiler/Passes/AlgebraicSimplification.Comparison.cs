using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

// Compares: constants to the right, outcomes decided by the operands, tests against zero, and
// 64-bit compares of widened 32-bit values narrowed to JMP32.
internal sealed partial class AlgebraicSimplification
{
    private static AlgebraicRule[] ComparisonRules() =>
    [
        new("(Cmp c (Const k) x) => (Cmp (swap c) x (Const k))", Op.Cmp,
            static s => s.A.IsConstant && !s.B.IsConstant ? s.Compare(s.Instr.Cond.Swap(), s.B, s.A) : null),
        new("(Cmp c x x) => (Const (c x x))", Op.Cmp,
            static s => s.A == s.B && s.Instr.Cond is not (Cond.Test or Cond.NotTest)
                ? s.Bool(s.Instr.Cond.Evaluate(0, 0, is64: true)) : null),
        new("(Cmp Test|NotTest x x) => (Cmp Ne|Eq x (Const 0))", Op.Cmp,
            static s => s.A == s.B && s.Instr.Cond is Cond.Test or Cond.NotTest && s.OperandType.IsScalar()
                ? s.Compare(s.Instr.Cond == Cond.Test ? Cond.Ne : Cond.Eq, s.A, s.Const(s.OperandType, 0)) : null),
        new("(Cmp c x (Const k)) => (Const b) when the known bits of x decide it", Op.Cmp,
            static s => s.B is Constant k && s.OperandType.IsScalar() && Decide(s.Instr.Cond, s.A, k.Bits) is { } b ? s.Bool(b) : null),

        new("(Cmp ULe|UGt x (Const 0)) => (Cmp Eq|Ne x (Const 0))", Op.Cmp,
            static s => s.B.IsConst(0) && s.Instr.Cond is Cond.ULe or Cond.UGt
                ? s.Compare(s.Instr.Cond == Cond.ULe ? Cond.Eq : Cond.Ne, s.A, s.B) : null),
        new("(Cmp ULt|UGe x (Const 1)) => (Cmp Eq|Ne x (Const 0))", Op.Cmp,
            static s => s.B.IsConst(1) && s.Instr.Cond is Cond.ULt or Cond.UGe
                ? s.Compare(s.Instr.Cond == Cond.ULt ? Cond.Eq : Cond.Ne, s.A, s.Const(s.OperandType, 0)) : null),
        // Materialised booleans: "b == 1" is "b != 0", which the branch then tests directly.
        new("(Cmp Eq|Ne x (Const 1)) => (Cmp Ne|Eq x (Const 0)) when x is 0 or 1", Op.Cmp,
            static s => s.B.IsConst(1) && s.Instr.Cond is Cond.Eq or Cond.Ne && KnownBits.MaybeOne(s.A) <= 1
                ? s.Compare(s.Instr.Cond.Negate(), s.A, s.Const(s.OperandType, 0)) : null),
        new("(Cmp Ne|Eq (And x y) (Const 0)) => (Cmp Test|NotTest x y)", Op.Cmp,
            static s => s.B.IsConst(0) && s.Instr.Cond is Cond.Eq or Cond.Ne && s.A.MatchBinary(Op.And, out var x, out var y)
                ? s.Compare(s.Instr.Cond == Cond.Ne ? Cond.Test : Cond.NotTest, x, y) : null),
        new("(Cmp Eq|Ne (Xor x y) (Const 0)) => (Cmp Eq|Ne x y)", Op.Cmp,
            static s => s.B.IsConst(0) && s.Instr.Cond is Cond.Eq or Cond.Ne && s.A.MatchBinary(Op.Xor, out var x, out var y)
                ? s.Compare(s.Instr.Cond, x, y) : null),
        new("(Cmp Eq|Ne (Sub x y) (Const 0)) => (Cmp Eq|Ne x y)", Op.Cmp,
            static s => s.B.IsConst(0) && s.Instr.Cond is Cond.Eq or Cond.Ne && s.A.MatchBinary(Op.Sub, out var x, out var y)
                ? s.Compare(s.Instr.Cond, x, y) : null),
        new("(Cmp Eq|Ne (Add x (Const c1)) (Const c2)) => (Cmp Eq|Ne x (Const c2-c1))", Op.Cmp,
            static s => EqualityOf(s, Op.Add, out var x, out var c1, out var c2) ? s.Compare(s.Instr.Cond, x, s.Const(s.OperandType, c2 - c1)) : null),
        new("(Cmp Eq|Ne (Xor x (Const c1)) (Const c2)) => (Cmp Eq|Ne x (Const c1^c2))", Op.Cmp,
            static s => EqualityOf(s, Op.Xor, out var x, out var c1, out var c2) ? s.Compare(s.Instr.Cond, x, s.Const(s.OperandType, c1 ^ c2)) : null),
        new("(Cmp Eq|Ne (Neg x) (Const c)) => (Cmp Eq|Ne x (Const -c))", Op.Cmp,
            static s => s.B.MatchConst(out var c) && s.Instr.Cond is Cond.Eq or Cond.Ne && s.A.MatchUnary(Op.Neg, out var x)
                ? s.Compare(s.Instr.Cond, x, s.Const(s.OperandType, -c)) : null),
        new("(Cmp Eq|Ne (Not x) (Const c)) => (Cmp Eq|Ne x (Const ~c))", Op.Cmp,
            static s => s.B.MatchConst(out var c) && s.Instr.Cond is Cond.Eq or Cond.Ne && s.A.MatchUnary(Op.Not, out var x)
                ? s.Compare(s.Instr.Cond, x, s.Const(s.OperandType, ~c)) : null),

        // zext x is in [0, 2^32): signed and unsigned orders agree there, and agree with the
        // unsigned order of the low 32 bits. (Constants outside the range were decided above.)
        new("(Cmp c (ZExt x) (Const k)) => (Cmp (unsigned c) x (Const k)) when 0 <= k < 2^32", Op.Cmp,
            static s => s.A.MatchUnary(Op.ZExt, out var x) && s.B.MatchConst(out var k) && (k is >= 0 and <= uint.MaxValue || IsBitTest(s))
                ? s.Compare(Unsigned(s.Instr.Cond), x, s.Const(IrType.I32, k)) : null),
        // sext is monotonic in both orders, so a compare with a constant that is itself a sign
        // extension is the same compare in 32 bits.
        new("(Cmp c (SExt x) (Const k)) => (Cmp c x (Const k)) when k fits in an i32", Op.Cmp,
            static s => s.A.MatchUnary(Op.SExt, out var x) && s.B.MatchConst(out var k) && k is >= int.MinValue and <= int.MaxValue
                ? s.Compare(s.Instr.Cond, x, s.Const(IrType.I32, k)) : null),
        new("(Cmp c (ZExt x) (ZExt y)) => (Cmp (unsigned c) x y)", Op.Cmp,
            static s => s.A.MatchUnary(Op.ZExt, out var x) && s.B.MatchUnary(Op.ZExt, out var y) ? s.Compare(Unsigned(s.Instr.Cond), x, y) : null),
        new("(Cmp c (SExt x) (SExt y)) => (Cmp c x y)", Op.Cmp,
            static s => s.A.MatchUnary(Op.SExt, out var x) && s.B.MatchUnary(Op.SExt, out var y) ? s.Compare(s.Instr.Cond, x, y) : null),
    ];

    private static bool IsBitTest(RewriteSite s) => s.Instr.Cond is Cond.Test or Cond.NotTest;

    private static bool EqualityOf(RewriteSite s, Op op, out Value x, out long c1, out long c2)
    {
        c1 = 0;
        c2 = 0;
        x = null!;
        return s.Instr.Cond is Cond.Eq or Cond.Ne && s.B.MatchConst(out c2) && s.A.MatchBinaryConst(op, out x, out c1);
    }

    private static Cond Unsigned(Cond c) => c switch
    {
        Cond.SLt => Cond.ULt,
        Cond.SLe => Cond.ULe,
        Cond.SGt => Cond.UGt,
        Cond.SGe => Cond.UGe,
        _ => c,
    };

    // The outcome of "x c k" when it is the same for every x the known bits allow, else null.
    // x lies in [0, max] (unsigned); when k lies outside that range in the order c uses, the
    // outcome at both ends is the outcome everywhere. Bit tests are decided when x and k share no
    // possible bit.
    private static bool? Decide(Cond c, Value x, long k)
    {
        var type = x.Type;
        var maybe = KnownBits.MaybeOne(x);
        var width = KnownBits.WidthMask(type);
        var uk = (ulong)k & width;
        if (c is Cond.Test or Cond.NotTest)
        {
            return (maybe & uk) == 0 ? c == Cond.NotTest : null;
        }
        var max = KnownBits.UnsignedMax(x);
        var signedMax = width >> 1;
        var signed = c is Cond.SLt or Cond.SLe or Cond.SGt or Cond.SGe;
        var sk = IrArithmetic.Canonical(type, k);
        var outside = signed
            ? max <= signedMax && (sk < 0 || (ulong)sk > max)
            : uk > max;
        if (!outside)
        {
            return null;
        }
        var atZero = IrArithmetic.Compare(c, type, 0, k);
        return atZero == IrArithmetic.Compare(c, type, (long)max, k) ? atZero : null;
    }
}
