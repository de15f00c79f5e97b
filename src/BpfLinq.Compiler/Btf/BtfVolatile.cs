namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_VOLATILE</c>: the anonymous <c>volatile</c> qualifier.</summary>
public sealed class BtfVolatile : BtfQualifier
{
    /// <summary>Creates <c>volatile</c> <paramref name="target"/>.</summary>
    public BtfVolatile(BtfType target)
        : base(null, target)
    {
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Volatile;
}
