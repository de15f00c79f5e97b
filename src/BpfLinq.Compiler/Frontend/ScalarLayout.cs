using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// How a C# value of a scalar type lives in the IR: in an <see cref="IrType.I32"/> (bool, the 8-, 16-
/// and 32-bit integers, char, enums over them) or an <see cref="IrType.I64"/> (long, ulong), with
/// <see cref="Bits"/> significant bits. Narrow values are kept canonical, extended to the full IR
/// width as their type says: byte, ushort and char zero-extended, sbyte and short sign-extended,
/// bool 0 or 1. Signedness picks signed or unsigned comparisons, divisions and right shifts.
/// </summary>
/// <param name="Ir">The IR type holding the value.</param>
/// <param name="Bits">Significant bits: 1 (bool), 8, 16, 32 or 64.</param>
/// <param name="Signed">True for sbyte, short, int and long (and enums over them).</param>
internal readonly record struct ScalarLayout(IrType Ir, int Bits, bool Signed)
{
    /// <summary>bool: 0 or 1 in an i32.</summary>
    public static ScalarLayout Bool { get; } = new(IrType.I32, 1, false);

    /// <summary>int.</summary>
    public static ScalarLayout Int32 { get; } = new(IrType.I32, 32, true);

    /// <summary>True for the types narrower than their IR type, whose values must be kept canonical.</summary>
    public bool IsNarrow => Bits is 8 or 16;

    /// <summary>The width of the IR type: 32 or 64.</summary>
    public int Width => Ir == IrType.I64 ? 64 : 32;

    /// <summary>The smallest value of the type, as canonical bits (for the <c>MinValue / -1</c> rule).</summary>
    public long MinValue => Signed ? -(1L << (Bits - 1)) : 0;

    /// <summary>The scalar type of a C# type (enums by their underlying type), or null when it is not one.</summary>
    public static ScalarLayout? Of(Type type) =>
        Type.GetTypeCode(type.IsEnum ? Enum.GetUnderlyingType(type) : type) switch
        {
            _ when !type.IsPrimitive && !type.IsEnum => null,
            TypeCode.Boolean => Bool,
            TypeCode.SByte => new(IrType.I32, 8, true),
            TypeCode.Byte => new(IrType.I32, 8, false),
            TypeCode.Int16 => new(IrType.I32, 16, true),
            TypeCode.UInt16 or TypeCode.Char => new(IrType.I32, 16, false),
            TypeCode.Int32 => Int32,
            TypeCode.UInt32 => new(IrType.I32, 32, false),
            TypeCode.Int64 => new(IrType.I64, 64, true),
            TypeCode.UInt64 => new(IrType.I64, 64, false),
            _ => null,
        };

    /// <summary>Brings raw bits to the canonical form of this type (what a C# cast to it yields).</summary>
    public long Canonical(long bits) => (Bits, Signed) switch
    {
        (1, _) => bits & 1,
        (8, false) => (byte)bits,
        (8, true) => (sbyte)bits,
        (16, false) => (ushort)bits,
        (16, true) => (short)bits,
        (32, _) => (int)bits,
        _ => bits,
    };
}
