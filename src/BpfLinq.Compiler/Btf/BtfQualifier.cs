namespace BpfLinq.Compiler.Btf;

/// <summary>
/// A type that only annotates another: <see cref="BtfConst"/>, <see cref="BtfVolatile"/>,
/// <see cref="BtfRestrict"/> and <see cref="BtfTypeTag"/>. All are transparent for size and layout.
/// </summary>
public abstract class BtfQualifier : BtfType
{
    private BtfType _target;

    private protected BtfQualifier(string? name, BtfType target)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    /// <summary>The qualified type.</summary>
    public BtfType Target
    {
        get => _target;
        set => _target = value ?? throw new ArgumentNullException(nameof(value));
    }
}
