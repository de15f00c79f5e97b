namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Random integers biased towards the values where compilers go wrong: 0, 1, -1 (all ones), the
/// type's MinValue and MaxValue, powers of two and their neighbours, small numbers; plain random
/// bits the rest of the time. Values are bit patterns of <c>bits</c> width (sign-extended when
/// <c>signed</c>) in a ulong, so callers convert them to any integer type.
/// </summary>
internal static class EdgeValues
{
    /// <summary>A biased value of a <paramref name="bits"/>-wide integer type.</summary>
    public static ulong Next(Random random, int bits, bool signed)
    {
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong min = signed ? 1UL << (bits - 1) : 0;
        ulong max = signed ? (1UL << (bits - 1)) - 1 : mask;
        ulong raw = random.Next(100) switch
        {
            < 10 => 0,
            < 16 => 1,
            < 22 => ulong.MaxValue,
            < 28 => min,
            < 34 => max,
            < 40 => max - 1,
            < 44 => min + 1,
            < 62 => (1UL << random.Next(bits)) + (ulong)(random.Next(3) - 1),
            < 74 => (ulong)(long)random.Next(-16, 17),
            _ => RandomBits(random),
        };
        return Canonical(raw & mask, bits, signed);
    }

    /// <summary>64 uniformly random bits.</summary>
    public static ulong RandomBits(Random random) => ((ulong)(uint)random.Next() << 33) ^ ((ulong)(uint)random.Next() << 11) ^ (uint)random.Next();

    /// <summary>A biased <see cref="uint"/>.</summary>
    public static uint NextUInt32(Random random) => (uint)Next(random, 32, signed: false);

    /// <summary>A biased <see cref="ulong"/>.</summary>
    public static ulong NextUInt64(Random random) => Next(random, 64, signed: false);

    private static ulong Canonical(ulong value, int bits, bool signed) =>
        signed && bits < 64 && (value & (1UL << (bits - 1))) != 0 ? value | ~((1UL << bits) - 1) : value;
}
