namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_FLOAT</c>: a floating-point type of <see cref="Size"/> bytes (2, 4, 8, 12 or 16 for the kernel).</summary>
public sealed class BtfFloat : BtfType, IBtfSized
{
    /// <summary>Creates a floating-point type.</summary>
    /// <param name="name">The C name, e.g. <c>double</c>.</param>
    /// <param name="size">Size in bytes.</param>
    public BtfFloat(string name, uint size)
        : base(BtfNames.Required(name, BtfKind.Float))
    {
        Size = size;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Float;

    /// <summary>Size in bytes.</summary>
    public uint Size { get; }
}
