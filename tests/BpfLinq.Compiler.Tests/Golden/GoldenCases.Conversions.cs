using static BpfLinq.Compiler.Tests.Golden.GoldenCase;

namespace BpfLinq.Compiler.Tests.Golden;

// Conversions between every integer type with C# unchecked semantics, bools, chars and enums.
internal static partial class GoldenCases
{
    private enum Color : byte
    {
        Red = 1,
        Green = 2,
        Blue = 200,
    }

    private static IEnumerable<GoldenCase> Conversions() =>
    [
        SkbRaw("Conversions/IntToLong", ProgramKind.SocketFilter, skb => (long)(int)skb.Mark),
        SkbRaw("Conversions/UIntToLong", ProgramKind.SocketFilter, skb => (long)skb.Mark),
        SkbRaw("Conversions/IntToULong", ProgramKind.SocketFilter, skb => (long)(ulong)(int)skb.Mark),
        SkbRaw("Conversions/LongToInt", ProgramKind.SocketFilter, skb => (int)((long)skb.Mark << 20)),
        SkbRaw("Conversions/ToByte", ProgramKind.SocketFilter, skb => (byte)skb.Mark),
        SkbRaw("Conversions/ToSByte", ProgramKind.SocketFilter, skb => (sbyte)skb.Mark),
        SkbRaw("Conversions/ToShort", ProgramKind.SocketFilter, skb => (short)skb.Mark),
        SkbRaw("Conversions/ToUShort", ProgramKind.SocketFilter, skb => (ushort)skb.Mark),
        SkbRaw("Conversions/ToChar", ProgramKind.SocketFilter, skb => (char)skb.Mark),
        SkbRaw("Conversions/SByteArithmetic", ProgramKind.SocketFilter, skb => (sbyte)skb.Mark * (sbyte)skb.Priority),
        SkbRaw("Conversions/ByteWraps", ProgramKind.SocketFilter, skb => (byte)((byte)skb.Mark + (byte)skb.Priority)),
        SkbRaw("Conversions/ShortComparison", ProgramKind.SocketFilter, skb => (short)skb.Mark < (short)skb.Priority ? 1 : 0),
        SkbRaw("Conversions/CharArithmetic", ProgramKind.SocketFilter, skb => (char)skb.Mark - 'a'),
        SkbRaw("Conversions/Enum", ProgramKind.SocketFilter, skb => (Color)skb.Mark == Color.Blue ? 1 : (long)(Color)(skb.Priority & 3)),
        SkbRaw("Conversions/BoolValue", ProgramKind.SocketFilter, skb => (skb.Mark > 5) == (skb.Priority > 5) ? 10 : 20),
        SkbRaw("Conversions/BoolOperators", ProgramKind.SocketFilter, skb => ((skb.Mark > 5) & (skb.Priority < 9)) | (skb.Len == 2) ^ true ? 1 : 0),
        SkbRaw("Conversions/UlongHighBits", ProgramKind.SocketFilter, skb => (long)(((ulong)skb.Mark << 32 | skb.Priority) >> 16)),
    ];
}
