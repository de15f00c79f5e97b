using System.Buffers.Binary;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// The meaning of every scalar IR operation, in one place: constant folding and the interpreter
/// both call it, so they cannot disagree. Semantics are eBPF's (RFC 9669 §4): total division,
/// shift counts masked to the width. Values of type i32 are canonical when sign-extended
/// (<c>(long)(int)x</c>), as <see cref="Constant.Bits"/> holds them; results are returned canonical.
/// </summary>
internal static class IrArithmetic
{
    /// <summary>Brings a value to its canonical form for <paramref name="type"/>.</summary>
    public static long Canonical(IrType type, long value) => type == IrType.I32 ? (int)value : value;

    /// <summary>Evaluates a binary arithmetic op (<see cref="Op.Add"/> ... <see cref="Op.AShr"/>).</summary>
    public static long Binary(Op op, IrType type, long a, long b)
    {
        var is64 = type == IrType.I64;
        var width = is64 ? 64 : 32;
        long r;
        if (is64)
        {
            r = op switch
            {
                Op.Add => a + b,
                Op.Sub => a - b,
                Op.Mul => a * b,
                Op.UDiv => b == 0 ? 0 : (long)((ulong)a / (ulong)b),
                Op.SDiv => b == 0 ? 0 : (a == long.MinValue && b == -1) ? long.MinValue : a / b,
                Op.URem => b == 0 ? a : (long)((ulong)a % (ulong)b),
                Op.SRem => b == 0 ? a : b == -1 ? 0 : a % b,
                Op.And => a & b,
                Op.Or => a | b,
                Op.Xor => a ^ b,
                Op.Shl => a << (int)(b & (width - 1)),
                Op.LShr => (long)((ulong)a >> (int)(b & (width - 1))),
                Op.AShr => a >> (int)(b & (width - 1)),
                _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary arithmetic op"),
            };
        }
        else
        {
            int x = (int)a, y = (int)b;
            r = op switch
            {
                Op.Add => x + y,
                Op.Sub => x - y,
                Op.Mul => x * y,
                Op.UDiv => y == 0 ? 0 : (int)((uint)x / (uint)y),
                Op.SDiv => y == 0 ? 0 : (x == int.MinValue && y == -1) ? int.MinValue : x / y,
                Op.URem => y == 0 ? x : (int)((uint)x % (uint)y),
                Op.SRem => y == 0 ? x : y == -1 ? 0 : x % y,
                Op.And => x & y,
                Op.Or => x | y,
                Op.Xor => x ^ y,
                Op.Shl => x << (y & 31),
                Op.LShr => (int)((uint)x >> (y & 31)),
                Op.AShr => x >> (y & 31),
                _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary arithmetic op"),
            };
        }
        return Canonical(type, r);
    }

    /// <summary>Evaluates a one-operand op (neg, not, zext, sext, trunc, sextin, byteswap).</summary>
    public static long Unary(Op op, IrType type, long a, long imm = 0) => Canonical(type, op switch
    {
        Op.Neg => -a,
        Op.Not => ~a,
        Op.ZExt => (uint)a,
        Op.SExt => (int)a,
        Op.Trunc => (int)a,
        Op.SExtIn => imm switch
        {
            8 => (sbyte)a,
            16 => (short)a,
            32 => (int)a,
            _ => throw new ArgumentOutOfRangeException(nameof(imm)),
        },
        Op.ByteSwap => imm switch
        {
            16 => BinaryPrimitives.ReverseEndianness((ushort)a),
            32 => type == IrType.I32 ? (int)BinaryPrimitives.ReverseEndianness((uint)a) : BinaryPrimitives.ReverseEndianness((uint)a),
            64 => (long)BinaryPrimitives.ReverseEndianness((ulong)a),
            _ => throw new ArgumentOutOfRangeException(nameof(imm)),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a unary op"),
    });

    /// <summary>Evaluates a comparison of two values of <paramref name="operandType"/>.</summary>
    public static bool Compare(Cond cond, IrType operandType, long a, long b) =>
        cond.Evaluate(a, b, is64: operandType != IrType.I32);
}
