namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_FWD</c>: a forward declaration of a struct or union whose body is not described.</summary>
public sealed class BtfFwd : BtfType
{
    /// <summary>Creates a forward declaration.</summary>
    /// <param name="name">The struct or union tag.</param>
    /// <param name="fwdKind">Whether it declares a struct or a union.</param>
    public BtfFwd(string name, BtfFwdKind fwdKind)
        : base(BtfNames.Required(name, BtfKind.Fwd))
    {
        if (fwdKind is not (BtfFwdKind.Struct or BtfFwdKind.Union))
        {
            throw new ArgumentOutOfRangeException(nameof(fwdKind), fwdKind, "a FWD declares a struct or a union");
        }
        FwdKind = fwdKind;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Fwd;

    /// <summary>Whether a struct or a union is declared.</summary>
    public BtfFwdKind FwdKind { get; }
}
