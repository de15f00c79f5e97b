namespace BpfLinq.Compiler.Btf;

/// <summary><c>BTF_KIND_TYPEDEF</c>: a named alias of another type.</summary>
public sealed class BtfTypedef : BtfType
{
    private BtfType _target;

    /// <summary>Creates a typedef.</summary>
    /// <param name="name">The alias.</param>
    /// <param name="target">The aliased type.</param>
    public BtfTypedef(string name, BtfType target)
        : base(BtfNames.Required(name, BtfKind.Typedef))
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Typedef;

    /// <summary>The aliased type.</summary>
    public BtfType Target
    {
        get => _target;
        set => _target = value ?? throw new ArgumentNullException(nameof(value));
    }
}
