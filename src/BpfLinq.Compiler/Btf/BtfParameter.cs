namespace BpfLinq.Compiler.Btf;

/// <summary>One parameter of a <see cref="BtfFuncProto"/> (<c>struct btf_param</c>).</summary>
public sealed record BtfParameter
{
    /// <summary>Creates a parameter.</summary>
    /// <param name="name">The parameter's name, or <see langword="null"/> when unnamed (prototypes of pointers to functions).</param>
    /// <param name="type">The parameter's type; never <see cref="BtfVoid"/> (variadic prototypes use <see cref="BtfFuncProto.IsVariadic"/>).</param>
    public BtfParameter(string? name, BtfType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Name = BtfNames.Normalize(name);
        Type = type;
    }

    /// <summary>The parameter's name, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>The parameter's type.</summary>
    public BtfType Type { get; }
}
