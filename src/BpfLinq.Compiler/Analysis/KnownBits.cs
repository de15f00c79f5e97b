using System.Numerics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// Which bits of a scalar value may be one, from the instructions that compute it: a u8 load has
/// only its low 8 bits, <c>zext</c> clears the upper half, <c>and</c> with a constant keeps the
/// constant's bits, a logical right shift by a constant clears the top. Answered on demand by
/// walking operands (at most <see cref="MaxDepth"/> deep, so phi cycles end), never stored on the
/// IR. The answer is a sound over-approximation: a bit reported zero is zero on every execution,
/// whatever the other operands are. Masks are at the value's width (32 bits for i32).
/// </summary>
internal static class KnownBits
{
    /// <summary>How far operands are followed; beyond it every bit may be one.</summary>
    public const int MaxDepth = 6;

    /// <summary>Every bit of the type's width.</summary>
    public static ulong WidthMask(IrType type) => type == IrType.I32 ? 0xffff_ffffUL : ulong.MaxValue;

    /// <summary>The bits of <paramref name="value"/> that may be one.</summary>
    public static ulong MaybeOne(Value value) => MaybeOne(value, MaxDepth);

    /// <summary>True when bit <c>width - 1</c> (the sign bit) of <paramref name="value"/> is known zero.</summary>
    public static bool IsNonNegative(Value value) =>
        (MaybeOne(value) & (value.Type == IrType.I32 ? 0x8000_0000UL : 0x8000_0000_0000_0000UL)) == 0;

    /// <summary>The largest unsigned value <paramref name="value"/> can take.</summary>
    public static ulong UnsignedMax(Value value) => Smear(MaybeOne(value));

    private static ulong MaybeOne(Value v, int depth)
    {
        var width = WidthMask(v.Type);
        if (v is Constant c)
        {
            return (ulong)c.Bits & width;
        }
        if (v is not Instr i || depth == 0 || !v.Type.IsScalar())
        {
            return width;
        }
        ulong A() => MaybeOne(i.Operands[0], depth - 1);
        ulong B() => MaybeOne(i.Operands[1], depth - 1);
        var bits = i.Op switch
        {
            Op.And => A() & B(),
            Op.Or or Op.Xor => A() | B(),
            Op.Shl when ShiftCount(i) is { } s => A() << s,
            Op.LShr when ShiftCount(i) is { } s => A() >> s,
            Op.AShr when ShiftCount(i) is { } s => ArithmeticShift(A(), s, width),
            Op.UDiv => Smear(A()),                                  // a / b <= a
            Op.URem when i.Operands[1] is Constant { Bits: not 0 } d => Smear(A()) & Smear(((ulong)d.Bits & width) - 1), // a % d < d
            Op.URem => Smear(A()),                                  // a % b <= a (== a when b == 0)
            Op.ZExt or Op.Trunc => A() & 0xffff_ffffUL,
            Op.Load when !i.Signed && i.Size < 8 => (1UL << (i.Size * 8)) - 1,
            Op.PacketLoad when i.Size < 8 => (1UL << (i.Size * 8)) - 1,
            Op.VlanSkip => 0xfUL,
            Op.PacketHas => 1UL,
            Op.ByteSwap => i.Imm == 64 ? width : (1UL << (int)i.Imm) - 1,
            Op.Add => Sum(Smear(A()), Smear(B()), width),            // a + b <= max a + max b, when that does not wrap
            Op.Phi => Union(i, depth),
            _ => width,
        };
        return bits & width;
    }

    // An arithmetic shift copies the sign bit into the top: when it may be one, so may they.
    private static ulong ArithmeticShift(ulong bits, int count, ulong width)
    {
        var sign = (width >> 1) + 1;
        return (bits & sign) == 0 ? bits >> count : (bits >> count) | (width & ~(width >> count));
    }

    private static int? ShiftCount(Instr shift) =>
        shift.Operands[1] is Constant c ? (int)(c.Bits & (shift.Type == IrType.I32 ? 31 : 63)) : null;

    private static ulong Union(Instr phi, int depth)
    {
        ulong bits = 0;
        foreach (var operand in phi.Operands)
        {
            bits |= operand == phi ? 0 : MaybeOne(operand, depth - 1);
        }
        return bits;
    }

    private static ulong Sum(ulong maxA, ulong maxB, ulong width) =>
        maxA <= width - maxB ? Smear(maxA + maxB) : width;

    // Every bit at or below the highest set bit.
    private static ulong Smear(ulong bits) => bits == 0 ? 0 : ulong.MaxValue >> BitOperations.LeadingZeroCount(bits);
}
