namespace BpfLinq.Compiler.Btf;

/// <summary>One entry of a <see cref="BtfDataSec"/> (<c>struct btf_var_secinfo</c>): a variable and where it lies.</summary>
/// <param name="Type">The entry's type, normally a <see cref="BtfVar"/>.</param>
/// <param name="Offset">Offset of the variable within the section, in bytes.</param>
/// <param name="Size">Size of the variable in bytes.</param>
public sealed record BtfVarSecInfo(BtfType Type, uint Offset, uint Size)
{
    /// <summary>The entry's type, normally a <see cref="BtfVar"/>.</summary>
    public BtfType Type { get; } = Type ?? throw new ArgumentNullException(nameof(Type));
}
