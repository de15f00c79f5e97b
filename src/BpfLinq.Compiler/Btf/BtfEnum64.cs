namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_ENUM64</c>: an enumeration with 64-bit values (split into <c>val_lo32</c> and
/// <c>val_hi32</c> in the encoding). <see cref="IsSigned"/> is the record's <c>kind_flag</c>.
/// </summary>
public sealed class BtfEnum64 : BtfType, IBtfSized
{
    /// <summary>Creates a 64-bit enumeration.</summary>
    /// <param name="name">The enum tag, or <see langword="null"/> for an anonymous enum.</param>
    /// <param name="size">Size in bytes (normally 8).</param>
    /// <param name="isSigned">Whether values are signed.</param>
    /// <param name="values">Initial enumerators; more can be added to <see cref="Values"/>.</param>
    public BtfEnum64(string? name, uint size, bool isSigned, IEnumerable<BtfEnumValue>? values = null)
        : base(name)
    {
        Size = size;
        IsSigned = isSigned;
        Values = new BtfList<BtfEnumValue>(values);
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Enum64;

    /// <summary>Size in bytes.</summary>
    public uint Size { get; }

    /// <summary>Whether values are signed (encoded as <c>kind_flag</c>).</summary>
    public bool IsSigned { get; }

    /// <summary>The enumerators; an unsigned enum's values are <see cref="ulong"/> bit patterns stored in <see cref="long"/>.</summary>
    public IList<BtfEnumValue> Values { get; }
}
