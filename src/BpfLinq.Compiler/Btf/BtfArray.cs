namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_ARRAY</c>: <see cref="Count"/> elements of <see cref="Element"/>, indexed by
/// <see cref="IndexType"/> (conventionally a 4-byte INT; the kernel ignores it beyond checking it exists).
/// </summary>
public sealed class BtfArray : BtfType
{
    private BtfType _element;
    private BtfType _indexType;

    /// <summary>Creates an anonymous array type.</summary>
    /// <param name="element">The element type.</param>
    /// <param name="indexType">The index type, usually <c>int</c> or <c>__ARRAY_SIZE_TYPE__</c>.</param>
    /// <param name="count">The number of elements.</param>
    public BtfArray(BtfType element, BtfType indexType, uint count)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(indexType);
        _element = element;
        _indexType = indexType;
        Count = count;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Array;

    /// <summary>The element type.</summary>
    public BtfType Element
    {
        get => _element;
        set => _element = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The index type.</summary>
    public BtfType IndexType
    {
        get => _indexType;
        set => _indexType = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The number of elements.</summary>
    public uint Count { get; set; }
}
