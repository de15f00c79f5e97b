namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// The scalar types the generators build trees over: bool, the eight integer types, char and an enum
/// (<see cref="PacketClass"/>, over short). Values are handled as bit patterns (see <see cref="EdgeValues"/>).
/// </summary>
internal sealed class ScalarType
{
    private ScalarType(Type clr, int bits, bool signed)
    {
        Clr = clr;
        Bits = bits;
        Signed = signed;
    }

    /// <summary>The CLR type.</summary>
    public Type Clr { get; }

    /// <summary>Width in bits (1 for bool).</summary>
    public int Bits { get; }

    /// <summary>True for sbyte, short, int, long and the enum (its underlying type is short).</summary>
    public bool Signed { get; }

    /// <summary>True for the enum.</summary>
    public bool IsEnum => Clr.IsEnum;

    /// <summary>The enum's underlying type, or the type itself.</summary>
    public Type Underlying => IsEnum ? Enum.GetUnderlyingType(Clr) : Clr;

    public static ScalarType Bool { get; } = new(typeof(bool), 1, false);
    public static ScalarType Byte { get; } = new(typeof(byte), 8, false);
    public static ScalarType SByte { get; } = new(typeof(sbyte), 8, true);
    public static ScalarType Int16 { get; } = new(typeof(short), 16, true);
    public static ScalarType UInt16 { get; } = new(typeof(ushort), 16, false);
    public static ScalarType Int32 { get; } = new(typeof(int), 32, true);
    public static ScalarType UInt32 { get; } = new(typeof(uint), 32, false);
    public static ScalarType Int64 { get; } = new(typeof(long), 64, true);
    public static ScalarType UInt64 { get; } = new(typeof(ulong), 64, false);
    public static ScalarType Char { get; } = new(typeof(char), 16, false);
    public static ScalarType Enum16 { get; } = new(typeof(PacketClass), 16, true);

    /// <summary>Every integer-like type: the eight integer types, char and the enum.</summary>
    public static IReadOnlyList<ScalarType> Integers { get; } = [Byte, SByte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Char, Enum16];

    /// <summary>The types C# arithmetic produces (the results of binary numeric promotion).</summary>
    public static IReadOnlyList<ScalarType> Promoted { get; } = [Int32, UInt32, Int64, UInt64];

    /// <summary>Every scalar type.</summary>
    public static IReadOnlyList<ScalarType> All { get; } = [Bool, .. Integers];

    /// <summary>The entry for a CLR type.</summary>
    public static ScalarType Of(Type type) =>
        All.FirstOrDefault(s => s.Clr == type) ?? throw new ArgumentException($"{type} is not a generated scalar type", nameof(type));

    /// <summary>True when <paramref name="type"/> is one of the types here.</summary>
    public static bool IsScalar(Type type) => All.Any(s => s.Clr == type);

    /// <summary>A boxed value of this type from a bit pattern (truncated to the width).</summary>
    public object Value(ulong bits)
    {
        if (Clr == typeof(bool))
        {
            return (bits & 1) != 0;
        }
        object underlying = Type.GetTypeCode(Underlying) switch
        {
            TypeCode.Byte => (byte)bits,
            TypeCode.SByte => (sbyte)bits,
            TypeCode.Int16 => (short)bits,
            TypeCode.UInt16 => (ushort)bits,
            TypeCode.Char => (char)bits,
            TypeCode.Int32 => (int)bits,
            TypeCode.UInt32 => (uint)bits,
            TypeCode.Int64 => (long)bits,
            _ => bits,
        };
        return IsEnum ? Enum.ToObject(Clr, underlying) : underlying;
    }

    /// <summary>A biased random value of this type.</summary>
    public object NextValue(Random random) => Value(EdgeValues.Next(random, Math.Max(Bits, 1), Signed));

    /// <inheritdoc/>
    public override string ToString() => Clr.Name;
}
