namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_ENUM</c>: an enumeration of <see cref="Size"/> bytes whose values fit 32 bits.
/// <see cref="IsSigned"/> is the record's <c>kind_flag</c> and decides whether values are read as
/// <c>s32</c> or <c>u32</c>. Values outside 32 bits need a <see cref="BtfEnum64"/>.
/// </summary>
#pragma warning disable CA1711 // named for the kernel's BTF_KIND_ENUM
public sealed class BtfEnum : BtfType, IBtfSized
{
    /// <summary>Creates an enumeration.</summary>
    /// <param name="name">The enum tag, or <see langword="null"/> for an anonymous enum.</param>
    /// <param name="size">Size in bytes (1, 2, 4 or 8 for the kernel).</param>
    /// <param name="isSigned">Whether values are signed.</param>
    /// <param name="values">Initial enumerators; more can be added to <see cref="Values"/>.</param>
    public BtfEnum(string? name, uint size, bool isSigned, IEnumerable<BtfEnumValue>? values = null)
        : base(name)
    {
        Size = size;
        IsSigned = isSigned;
        Values = new BtfList<BtfEnumValue>(values);
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Enum;

    /// <summary>Size in bytes.</summary>
    public uint Size { get; }

    /// <summary>Whether values are signed (encoded as <c>kind_flag</c>).</summary>
    public bool IsSigned { get; }

    /// <summary>
    /// The enumerators. Each value must fit the 32-bit field as <see cref="IsSigned"/> reads it;
    /// <see cref="BtfBuilder"/> rejects one that does not.
    /// </summary>
    public IList<BtfEnumValue> Values { get; }
}
#pragma warning restore CA1711
