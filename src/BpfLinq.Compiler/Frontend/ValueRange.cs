using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The signed interval a value lies in, from how it was computed: a narrow unsigned load or a zero
/// extension is non-negative, a mask bounds its result, <c>x % c</c> and <c>x &gt;&gt; c</c> shrink,
/// sums and differences of bounded values stay bounded when they cannot wrap, a phi lies in the
/// union of its operands. Only what a few steps back prove; "unknown" (null) otherwise. Used by
/// <see cref="GuardFacts"/> to prove divisors non-zero without a written guard.
/// </summary>
/// <param name="Min">The smallest value, as canonical (sign-extended) bits.</param>
/// <param name="Max">The largest value.</param>
internal readonly record struct ValueRange(long Min, long Max)
{
    private const int MaxDepth = 8;

    /// <summary>The range of <paramref name="value"/>, or null when nothing is known.</summary>
    public static ValueRange? Of(Value value) => Of(value, 0);

    private static ValueRange? Of(Value value, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }
        var width = value.Type == IrType.I64 ? 64 : 32;
        ValueRange? Sub(int k) => Of(((Instr)value).Operands[k], depth + 1);
        return value switch
        {
            Constant c => new(c.Bits, c.Bits),
            Instr { Op: Op.Load } load when load.Size * 8 < width => Bits(load.Size * 8, load.Signed),
            Instr { Op: Op.ZExt } => Sub(0) is { Min: >= 0 } r ? r : new(0, uint.MaxValue),
            Instr { Op: Op.SExt } => Sub(0) ?? new(int.MinValue, int.MaxValue),
            Instr { Op: Op.SExtIn, Imm: var bits } => Bits((int)bits, signed: true),
            Instr { Op: Op.And } => NonNegativeBound(Sub(0), Sub(1)),
            Instr { Op: Op.LShr } shr when shr.Operands[1] is Constant { Bits: var n } && (n & (width - 1)) != 0 =>
                new(0, width == 64 ? (long)(ulong.MaxValue >> (int)(n & 63)) : uint.MaxValue >> (int)(n & 31)),
            Instr { Op: Op.URem } rem when rem.Operands[1] is Constant { Bits: > 0 and var n } => new(0, n - 1),
            Instr { Op: Op.Add } => Fit(Sub(0), Sub(1), (a, b) => ((Int128)a.Min + b.Min, (Int128)a.Max + b.Max), width),
            Instr { Op: Op.Sub } => Fit(Sub(0), Sub(1), (a, b) => ((Int128)a.Min - b.Max, (Int128)a.Max - b.Min), width),
            Instr { Op: Op.Phi } phi => Union(phi.Operands.Select(o => Of(o, depth + 1))),
            _ => null,
        };
    }

    private static ValueRange Bits(int bits, bool signed) =>
        signed ? new(-(1L << (bits - 1)), (1L << (bits - 1)) - 1) : new(0, (1L << bits) - 1);

    // x & m is in [0, m] when m is known non-negative (either side).
    private static ValueRange? NonNegativeBound(ValueRange? a, ValueRange? b) =>
        a is { Min: >= 0 } ra ? new(0, b is { Min: >= 0 } rb ? Math.Min(ra.Max, rb.Max) : ra.Max)
        : b is { Min: >= 0 } rb2 ? new(0, rb2.Max) : null;

    private static ValueRange? Fit(ValueRange? a, ValueRange? b, Func<ValueRange, ValueRange, (Int128 Min, Int128 Max)> combine, int width)
    {
        if (a is not { } ra || b is not { } rb)
        {
            return null;
        }
        var (min, max) = combine(ra, rb);
        var (lo, hi) = width == 64 ? ((Int128)long.MinValue, (Int128)long.MaxValue) : (int.MinValue, int.MaxValue);
        return min >= lo && max <= hi ? new((long)min, (long)max) : null; // a sum that may wrap says nothing
    }

    private static ValueRange? Union(IEnumerable<ValueRange?> ranges)
    {
        ValueRange? result = null;
        foreach (var r in ranges)
        {
            if (r is not { } x)
            {
                return null;
            }
            result = result is { } y ? new(Math.Min(x.Min, y.Min), Math.Max(x.Max, y.Max)) : x;
        }
        return result;
    }
}
