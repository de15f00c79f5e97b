namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_VAR</c>: a global variable, listed by a <see cref="BtfDataSec"/>.</summary>
public sealed class BtfVar : BtfType
{
    private BtfType _type;

    /// <summary>Creates a variable.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="type">The variable's type.</param>
    /// <param name="linkage">Static, global (allocated here) or extern.</param>
    public BtfVar(string name, BtfType type, BtfLinkage linkage = BtfLinkage.Global)
        : base(BtfNames.Required(name, BtfKind.Var))
    {
        ArgumentNullException.ThrowIfNull(type);
        if (linkage is not (BtfLinkage.Static or BtfLinkage.Global or BtfLinkage.Extern))
        {
            throw new ArgumentOutOfRangeException(nameof(linkage), linkage, "unknown linkage");
        }
        _type = type;
        Linkage = linkage;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Var;

    /// <summary>The variable's type.</summary>
    public BtfType Type
    {
        get => _type;
        set => _type = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The linkage (<c>btf_var.linkage</c>).</summary>
    public BtfLinkage Linkage { get; }
}
