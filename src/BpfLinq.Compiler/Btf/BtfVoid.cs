namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>void</c>: type id 0. It has no record in encoded BTF; every reference to it is encoded as id 0.
/// Use <see cref="Instance"/>; there is exactly one.
/// </summary>
public sealed class BtfVoid : BtfType
{
    private BtfVoid()
        : base(null)
    {
    }

    /// <summary>The one void type.</summary>
    public static BtfVoid Instance { get; } = new();

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Void;

    /// <summary>Returns <c>void</c>.</summary>
    public override string ToString() => "void";
}
