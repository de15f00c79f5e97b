namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_INT</c>: an integer of <see cref="Size"/> bytes whose value is <see cref="Bits"/> bits
/// starting <see cref="BitOffset"/> bits in (both 0–255, as the 8-bit fields of the encoding allow;
/// the kernel further demands <c>Bits ≤ 128</c> and <c>BitOffset + Bits ≤ 8 × Size</c>).
/// </summary>
public sealed class BtfInt : BtfType, IBtfSized
{
    /// <summary>Creates an integer that uses all of its bytes (<c>Bits = 8 × size</c>, offset 0).</summary>
    /// <param name="name">The C name, e.g. <c>unsigned int</c>.</param>
    /// <param name="size">Size in bytes (1, 2, 4, 8 or 16 for the kernel).</param>
    /// <param name="encoding">Signedness, char or bool.</param>
    public BtfInt(string name, uint size, BtfIntEncoding encoding)
        : this(name, size, encoding, (int)Math.Min(size * 8UL, 255), 0)
    {
    }

    /// <summary>Creates an integer with an explicit bit width and offset.</summary>
    /// <param name="name">The C name.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="encoding">Signedness, char or bool.</param>
    /// <param name="bits">Number of value bits, 0–255.</param>
    /// <param name="bitOffset">Offset of the value's lowest bit, 0–255.</param>
    public BtfInt(string name, uint size, BtfIntEncoding encoding, int bits, int bitOffset)
        : base(BtfNames.Required(name, BtfKind.Int))
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)bits, 255u, nameof(bits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)bitOffset, 255u, nameof(bitOffset));
        if (encoding is not (BtfIntEncoding.None or BtfIntEncoding.Signed or BtfIntEncoding.Char or BtfIntEncoding.Bool))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "an INT has exactly one of the encodings None, Signed, Char or Bool");
        }
        Size = size;
        Encoding = encoding;
        Bits = bits;
        BitOffset = bitOffset;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Int;

    /// <summary>Size in bytes.</summary>
    public uint Size { get; }

    /// <summary>Signedness, char or bool.</summary>
    public BtfIntEncoding Encoding { get; }

    /// <summary>Number of value bits.</summary>
    public int Bits { get; }

    /// <summary>Offset of the value's lowest bit within the integer.</summary>
    public int BitOffset { get; }
}
