namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_FUNC</c>: a function: a name, a <see cref="BtfFuncProto"/> and a linkage. A program's
/// func_info records name one FUNC per subprogram; kfuncs are FUNCs of the kernel's BTF.
/// </summary>
public sealed class BtfFunc : BtfType
{
    private BtfFuncProto _proto;

    /// <summary>Creates a function.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="proto">Its prototype; parameter names in it become argument names in verifier logs.</param>
    /// <param name="linkage">Static (verified with its caller), global (verified alone) or extern.</param>
    public BtfFunc(string name, BtfFuncProto proto, BtfLinkage linkage = BtfLinkage.Static)
        : base(BtfNames.Required(name, BtfKind.Func))
    {
        ArgumentNullException.ThrowIfNull(proto);
        if (linkage is not (BtfLinkage.Static or BtfLinkage.Global or BtfLinkage.Extern))
        {
            throw new ArgumentOutOfRangeException(nameof(linkage), linkage, "unknown linkage");
        }
        _proto = proto;
        Linkage = linkage;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.Func;

    /// <summary>The prototype.</summary>
    public BtfFuncProto Proto
    {
        get => _proto;
        set => _proto = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The linkage (encoded in the record's <c>vlen</c>).</summary>
    public BtfLinkage Linkage { get; }
}
