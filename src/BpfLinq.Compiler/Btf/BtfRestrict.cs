namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_RESTRICT</c>: the anonymous <c>restrict</c> qualifier.</summary>
public sealed class BtfRestrict : BtfQualifier
{
    /// <summary>Creates <c>restrict</c> <paramref name="target"/>.</summary>
    public BtfRestrict(BtfType target)
        : base(null, target)
    {
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Restrict;
}
