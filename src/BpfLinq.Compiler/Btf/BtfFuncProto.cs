namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_FUNC_PROTO</c>: an anonymous function prototype. A variadic prototype
/// (<c>int printk(const char *fmt, ...)</c>) is encoded with a last parameter that has neither a name
/// nor a type; here that is <see cref="IsVariadic"/>, and <see cref="Parameters"/> holds only the
/// real parameters.
/// </summary>
public sealed class BtfFuncProto : BtfType
{
    private BtfType _returnType;

    /// <summary>Creates a prototype.</summary>
    /// <param name="returnType">The result type; <see cref="BtfVoid.Instance"/> for <c>void</c>.</param>
    /// <param name="parameters">Initial parameters; more can be added to <see cref="Parameters"/>.</param>
    /// <param name="isVariadic">Whether the prototype ends with <c>...</c>.</param>
    public BtfFuncProto(BtfType returnType, IEnumerable<BtfParameter>? parameters = null, bool isVariadic = false)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(returnType);
        _returnType = returnType;
        Parameters = new BtfList<BtfParameter>(parameters);
        IsVariadic = isVariadic;
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.FuncProto;

    /// <summary>The result type.</summary>
    public BtfType ReturnType
    {
        get => _returnType;
        set => _returnType = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The parameters, without the variadic marker.</summary>
    public IList<BtfParameter> Parameters { get; }

    /// <summary>Whether the prototype ends with <c>...</c>.</summary>
    public bool IsVariadic { get; set; }
}
