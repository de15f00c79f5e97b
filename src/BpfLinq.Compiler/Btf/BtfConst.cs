namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_CONST</c>: the anonymous <c>const</c> qualifier.</summary>
public sealed class BtfConst : BtfQualifier
{
    /// <summary>Creates <c>const</c> <paramref name="target"/>.</summary>
    public BtfConst(BtfType target)
        : base(null, target)
    {
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Const;
}
