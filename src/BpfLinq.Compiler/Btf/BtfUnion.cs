namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_UNION</c>: a union of <see cref="BtfComposite.Size"/> bytes.</summary>
public sealed class BtfUnion : BtfComposite
{
    /// <summary>Creates a union.</summary>
    /// <param name="name">The union tag, or <see langword="null"/> for an anonymous union.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="members">Initial members; more can be added to <see cref="BtfComposite.Members"/>.</param>
    public BtfUnion(string? name, uint size, IEnumerable<BtfMember>? members = null)
        : base(name, size, members)
    {
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Union;
}
