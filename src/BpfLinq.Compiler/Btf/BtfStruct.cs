namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_STRUCT</c>: a struct of <see cref="BtfComposite.Size"/> bytes.</summary>
public sealed class BtfStruct : BtfComposite
{
    /// <summary>Creates a struct.</summary>
    /// <param name="name">The struct tag, or <see langword="null"/> for an anonymous struct.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="members">Initial members; more can be added to <see cref="BtfComposite.Members"/>.</param>
    public BtfStruct(string? name, uint size, IEnumerable<BtfMember>? members = null)
        : base(name, size, members)
    {
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Struct;
}
