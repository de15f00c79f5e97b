namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>
/// For every rule of <see cref="Compiler.Passes.AlgebraicSimplification"/>, a function body that
/// contains its pattern. Placeholders: <c>{T}</c> the type (each run picks i32 or i64), <c>{x}</c> and
/// <c>{y}</c> arguments of that type, <c>{x32}</c>/<c>{y32}</c> i32 arguments, <c>{c1}</c>/<c>{c2}</c>
/// constants biased to edge values, <c>{p1}</c> a power of two, <c>{pm1}</c> 1 or -1, <c>{n1}</c>/<c>{n2}</c>
/// shift counts below the width, <c>{s1}</c>/<c>{s2}</c> small context offsets, <c>{cond}</c> a
/// condition (from <see cref="RuleCase.Conds"/> when given). The last instruction is <c>vR</c>.
/// </summary>
internal static class AlgebraicRuleCases
{
    private static readonly string[] s_eqNe = ["eq", "ne"];

    public static IReadOnlyList<RuleCase> All { get; } =
    [
        .. Commuted("add"),
        new("(Add x (Const 0)) => x", "vR = add.{T} {x}, 0"),
        new("(Add (Add x (Const c1)) (Const c2)) => (Add x (Const c1+c2))", "va = add.{T} {x}, {c1}\nvR = add.{T} va, {c2}"),
        new("(Add x (Neg y)) => (Sub x y)", "va = neg.{T} {y}\nvR = add.{T} {x}, va"),
        new("(Add (Neg x) y) => (Sub y x)", "va = neg.{T} {x}\nvR = add.{T} va, {y}"),
        new("(Sub x x) => (Const 0)", "vR = sub.{T} {x}, {x}"),
        new("(Sub x (Const c)) => (Add x (Const -c))", "vR = sub.{T} {x}, {c1}"),
        new("(Sub (Const 0) x) => (Neg x)", "vR = sub.{T} 0, {x}"),
        new("(Sub x (Neg y)) => (Add x y)", "va = neg.{T} {y}\nvR = sub.{T} {x}, va"),
        new("(Sub (Add x y) y) => x", "va = add.{T} {x}, {y}\nvR = sub.{T} va, {y}"),
        new("(Sub (Add x y) x) => y", "va = add.{T} {x}, {y}\nvR = sub.{T} va, {x}"),
        .. Commuted("mul"),
        new("(Mul x (Const 0)) => (Const 0)", "vR = mul.{T} {x}, 0"),
        new("(Mul x (Const 1)) => x", "vR = mul.{T} {x}, 1"),
        new("(Mul x (Const -1)) => (Neg x)", "vR = mul.{T} {x}, -1"),
        new("(Mul x (Const 2^k)) => (Shl x (Const k))", "vR = mul.{T} {x}, {p1}"),
        new("(Mul (Mul x (Const c1)) (Const c2)) => (Mul x (Const c1*c2))", "va = mul.{T} {x}, {c1}\nvR = mul.{T} va, {c2}"),
        new("(UDiv x (Const 0)) => (Const 0)", "vR = udiv.{T} {x}, 0"),
        new("(UDiv x (Const 1)) => x", "vR = udiv.{T} {x}, 1"),
        new("(UDiv x (Const 2^k)) => (LShr x (Const k))", "vR = udiv.{T} {x}, {p1}"),
        new("(UDiv x (Const c)) => (Const 0) when x < c", "va = load.{T}.u8 v0, 5\nvR = udiv.{T} va, {c1}"),
        new("(SDiv x (Const 0)) => (Const 0)", "vR = sdiv.{T} {x}, 0"),
        new("(SDiv x (Const 1)) => x", "vR = sdiv.{T} {x}, 1"),
        new("(SDiv x (Const -1)) => (Neg x)", "vR = sdiv.{T} {x}, -1"),
        new("(SDiv x (Const 2^k)) => (LShr x (Const k)) when x >= 0", "va = lshr.{T} {x}, 1\nvR = sdiv.{T} va, {p1}"),
        new("(URem x (Const 0)) => x", "vR = urem.{T} {x}, 0"),
        new("(URem x (Const 1)) => (Const 0)", "vR = urem.{T} {x}, 1"),
        new("(URem x (Const 2^k)) => (And x (Const 2^k-1))", "vR = urem.{T} {x}, {p1}"),
        new("(URem x x) => (Const 0)", "vR = urem.{T} {x}, {x}"),
        new("(SRem x (Const 0)) => x", "vR = srem.{T} {x}, 0"),
        new("(SRem x (Const 1|-1)) => (Const 0)", "vR = srem.{T} {x}, {pm1}"),
        new("(SRem x (Const 2^k)) => (And x (Const 2^k-1)) when x >= 0", "va = lshr.{T} {x}, 1\nvR = srem.{T} va, {p1}"),
        new("(SRem x x) => (Const 0)", "vR = srem.{T} {x}, {x}"),
        new("(Neg (Neg x)) => x", "va = neg.{T} {x}\nvR = neg.{T} va"),
        new("(Neg (Sub x y)) => (Sub y x)", "va = sub.{T} {x}, {y}\nvR = neg.{T} va"),
        new("(PtrAdd p (Const 0)) => p", "va = ptradd.ctxptr v0, 0\nvR = load.{T}.u32 va, {s1}"),
        new("(PtrAdd (PtrAdd p (Const c1)) (Const c2)) => (PtrAdd p (Const c1+c2))", "va = ptradd.ctxptr v0, {s1}\nvb = ptradd.ctxptr va, {s2}\nvR = load.{T}.u32 vb, 4"),

        new("(Load (PtrAdd p (Const c)) off) => (Load p off+c)", "va = ptradd.ctxptr v0, {s1}\nvR = load.{T}.u32 va, {s2}"),
        new("(Load (PtrAdd p (Const c)) off) => (Load p off+c)", "va = ptradd.ctxptr v0, {s1}\nvR = load.{T}.s16 va, {s2}"),

        .. Commuted("and"),
        new("(And x (Const 0)) => (Const 0)", "vR = and.{T} {x}, 0"),
        new("(And x (Const -1)) => x", "vR = and.{T} {x}, -1"),
        new("(And x x) => x", "vR = and.{T} {x}, {x}"),
        new("(And (And x (Const c1)) (Const c2)) => (And x (Const c1&c2))", "va = and.{T} {x}, {c1}\nvR = and.{T} va, {c2}"),
        new("(And x (Const c)) => x when x has no bits outside c", "va = load.{T}.u8 v0, 7\nvR = and.{T} va, {m1}"),
        new("(And (ZExt x) (Const c)) => (ZExt (And x (Const (int)c)))", "va = zext.i64 {x32}\nvR = and.i64 va, {c1}"),
        .. Commuted("or"),
        new("(Or x (Const 0)) => x", "vR = or.{T} {x}, 0"),
        new("(Or x (Const -1)) => (Const -1)", "vR = or.{T} {x}, -1"),
        new("(Or x x) => x", "vR = or.{T} {x}, {x}"),
        new("(Or (Or x (Const c1)) (Const c2)) => (Or x (Const c1|c2))", "va = or.{T} {x}, {c1}\nvR = or.{T} va, {c2}"),
        .. Commuted("xor"),
        new("(Xor x (Const 0)) => x", "vR = xor.{T} {x}, 0"),
        new("(Xor x (Const -1)) => (Not x)", "vR = xor.{T} {x}, -1"),
        new("(Xor x x) => (Const 0)", "vR = xor.{T} {x}, {x}"),
        new("(Xor (Xor x (Const c1)) (Const c2)) => (Xor x (Const c1^c2))", "va = xor.{T} {x}, {c1}\nvR = xor.{T} va, {c2}"),
        new("(Not (Not x)) => x", "va = not.{T} {x}\nvR = not.{T} va"),
        new("(Not (Xor x (Const c))) => (Xor x (Const ~c))", "va = xor.{T} {x}, {c1}\nvR = not.{T} va"),
        .. Shift("Shl"),
        .. Shift("LShr"),
        .. Shift("AShr"),
        new("(Shl (Shl x (Const c1)) (Const c2)) => (Shl x (Const c1+c2)), 0 when c1+c2 >= width", "va = shl.{T} {x}, {n1}\nvR = shl.{T} va, {n2}"),
        new("(LShr (LShr x (Const c1)) (Const c2)) => (LShr x (Const c1+c2)), 0 when c1+c2 >= width", "va = lshr.{T} {x}, {n1}\nvR = lshr.{T} va, {n2}"),
        new("(AShr (AShr x (Const c1)) (Const c2)) => (AShr x (Const min(c1+c2, width-1)))", "va = ashr.{T} {x}, {n1}\nvR = ashr.{T} va, {n2}"),
        new("(LShr x (Const c)) => (Const 0) when x has no bits at or above c", "va = load.{T}.u8 v0, 1\nvR = lshr.{T} va, {n1}"),
        new("(AShr x (Const c)) => (LShr x (Const c)) when x >= 0", "va = load.{T}.u16 v0, 2\nvR = ashr.{T} va, {n1}"),

        new("(SExt x) => (ZExt x) when x >= 0", "va = load.i32.u16 v0, 2\nvR = sext.i64 va"),
        new("(Trunc (ZExt x)) => x", "va = zext.i64 {x32}\nvR = trunc.i32 va"),
        new("(Trunc (SExt x)) => x", "va = sext.i64 {x32}\nvR = trunc.i32 va"),
        .. Narrowed("Add"),
        .. Narrowed("Sub"),
        .. Narrowed("Mul"),
        .. Narrowed("And"),
        .. Narrowed("Or"),
        .. Narrowed("Xor"),
        new("(SExtIn x k) => x when x < 2^(k-1)", "va = load.{T}.u8 v0, 9\nvR = sextin.{T} va, 16"),
        new("(SExtIn (SExtIn x k) k) => (SExtIn x k)", "va = sextin.{T} {x}, 8\nvR = sextin.{T} va, 8"),

        new("(And (ByteSwap n x) (Const m)) => (ByteSwap n (And x (Const (swap n m))))", "va = byteswap.{T} {x}, 16\nvR = and.{T} va, 0x1fff"),
        new("(Cmp Test|NotTest (ByteSwap n x) (Const m)) => (Cmp Test|NotTest x (Const (swap n m)))", "va = byteswap.{T} {x}, 16\nvR = cmp.{cond}.{T} va, 0x4000", ["test", "nottest"]),
        new("(Cmp Eq|Ne (ByteSwap n x) (Const c)) => (Cmp Eq|Ne x (Const (swap n c))) when x has no bits above n", "va = load.{T}.u16 v0, 4\nvb = byteswap.{T} va, 16\nvR = cmp.{cond}.{T} vb, 0x800", s_eqNe),
        new("(And (Load p off) (Const 2^8k-1)) => (Load.uk p off) for packet and stack reads", "vs = stack.stackptr 8\nva = load.{T}.u32 vs, 0\nvR = and.{T} va, 0xff"),
        new("(Xor (ByteSwap n a) (ByteSwap n b)) => (ByteSwap n (Xor a b))", "va = byteswap.{T} {x}, 16\nvb = byteswap.{T} {y}, 16\nvR = xor.{T} va, vb"),
        new("(Or (ByteSwap n a) (ByteSwap n b)) => (ByteSwap n (Or a b))", "va = byteswap.{T} {x}, 32\nvb = byteswap.{T} {y}, 32\nvR = or.{T} va, vb"),
        new("(And (ByteSwap n a) (ByteSwap n b)) => (ByteSwap n (And a b))", "va = byteswap.{T} {x}, 16\nvb = byteswap.{T} {y}, 16\nvR = and.{T} va, vb"),
        new("(Cmp c (Const k) x) => (Cmp (swap c) x (Const k))", "vR = cmp.{cond}.{T} {c1}, {x}"),
        new("(Cmp c x x) => (Const (c x x))", "vR = cmp.{cond}.{T} {x}, {x}"),
        new("(Cmp Test|NotTest x x) => (Cmp Ne|Eq x (Const 0))", "vR = cmp.{cond}.{T} {x}, {x}", ["test", "nottest"]),
        new("(Cmp c x (Const k)) => (Const b) when the known bits of x decide it", "va = load.{T}.u8 v0, 6\nvR = cmp.{cond}.{T} va, {c1}"),
        new("(Cmp ULe|UGt x (Const 0)) => (Cmp Eq|Ne x (Const 0))", "vR = cmp.{cond}.{T} {x}, 0", ["ule", "ugt"]),
        new("(Cmp ULt|UGe x (Const 1)) => (Cmp Eq|Ne x (Const 0))", "vR = cmp.{cond}.{T} {x}, 1", ["ult", "uge"]),
        new("(Cmp Eq|Ne x (Const 1)) => (Cmp Ne|Eq x (Const 0)) when x is 0 or 1", "va = and.{T} {x}, 1\nvR = cmp.{cond}.{T} va, 1", s_eqNe),
        new("(Cmp Ne|Eq (And x y) (Const 0)) => (Cmp Test|NotTest x y)", "va = and.{T} {x}, {y}\nvR = cmp.{cond}.{T} va, 0", s_eqNe),
        new("(Cmp Eq|Ne (Xor x y) (Const 0)) => (Cmp Eq|Ne x y)", "va = xor.{T} {x}, {y}\nvR = cmp.{cond}.{T} va, 0", s_eqNe),
        new("(Cmp Eq|Ne (Sub x y) (Const 0)) => (Cmp Eq|Ne x y)", "va = sub.{T} {x}, {y}\nvR = cmp.{cond}.{T} va, 0", s_eqNe),
        new("(Cmp Eq|Ne (Add x (Const c1)) (Const c2)) => (Cmp Eq|Ne x (Const c2-c1))", "va = add.{T} {x}, {c1}\nvR = cmp.{cond}.{T} va, {c2}", s_eqNe),
        new("(Cmp Eq|Ne (Xor x (Const c1)) (Const c2)) => (Cmp Eq|Ne x (Const c1^c2))", "va = xor.{T} {x}, {c1}\nvR = cmp.{cond}.{T} va, {c2}", s_eqNe),
        new("(Cmp Eq|Ne (Neg x) (Const c)) => (Cmp Eq|Ne x (Const -c))", "va = neg.{T} {x}\nvR = cmp.{cond}.{T} va, {c1}", s_eqNe),
        new("(Cmp Eq|Ne (Not x) (Const c)) => (Cmp Eq|Ne x (Const ~c))", "va = not.{T} {x}\nvR = cmp.{cond}.{T} va, {c1}", s_eqNe),
        new("(Cmp c (ZExt x) (Const k)) => (Cmp (unsigned c) x (Const k)) when 0 <= k < 2^32", "va = zext.i64 {x32}\nvR = cmp.{cond}.i64 va, {c1}"),
        new("(Cmp c (SExt x) (Const k)) => (Cmp c x (Const k)) when k fits in an i32", "va = sext.i64 {x32}\nvR = cmp.{cond}.i64 va, {c1}"),
        new("(Cmp c (ZExt x) (ZExt y)) => (Cmp (unsigned c) x y)", "va = zext.i64 {x32}\nvb = zext.i64 {y32}\nvR = cmp.{cond}.i64 va, vb"),
        new("(Cmp c (SExt x) (SExt y)) => (Cmp c x y)", "va = sext.i64 {x32}\nvb = sext.i64 {y32}\nvR = cmp.{cond}.i64 va, vb"),
    ];

    private static RuleCase[] Commuted(string op)
    {
        var name = char.ToUpperInvariant(op[0]) + op[1..];
        return [new($"({name} (Const c) x) => ({name} x (Const c))", $"vR = {op}.{{T}} {{c1}}, {{x}}")];
    }

    private static RuleCase[] Shift(string name)
    {
        var op = name.ToLowerInvariant();
        return
        [
            new($"({name} x (Const c)) => ({name} x (Const c mod width))", $"vR = {op}.{{T}} {{x}}, {{c1}}"),
            new($"({name} x (Const 0)) => x", $"vR = {op}.{{T}} {{x}}, 0"),
            new($"({name} (Const 0) y) => (Const 0)", $"vR = {op}.{{T}} 0, {{y}}"),
        ];
    }

    private static RuleCase[] Narrowed(string name)
    {
        var rule = $"(Trunc ({name} a b)) => ({name} (Trunc a) (Trunc b)) when a and b are extensions or constants";
        var op = name.ToLowerInvariant();
        return
        [
            new(rule, $"va = zext.i64 {{x32}}\nvb = sext.i64 {{y32}}\nvc = {op}.i64 va, vb\nvR = trunc.i32 vc"),
            new(rule, $"va = sext.i64 {{x32}}\nvc = {op}.i64 va, {{c1}}\nvR = trunc.i32 vc"),
        ];
    }
}

/// <summary>A rule and a function body containing its pattern (see <see cref="AlgebraicRuleCases"/>).</summary>
internal sealed record RuleCase(string Rule, string Body, string[]? Conds = null);
