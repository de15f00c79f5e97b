namespace BpfLinq.Compiler.Btf;

/// <summary>
/// <c>BTF_KIND_DATASEC</c>: a data section (<c>.data</c>, <c>.bss</c>, <c>.rodata</c>, <c>.maps</c>,
/// <c>.ksyms</c>...) and the variables in it. Global data maps take their value type from one.
/// </summary>
public sealed class BtfDataSec : BtfType, IBtfSized
{
    /// <summary>Creates a data section.</summary>
    /// <param name="name">The section's name, e.g. <c>.rodata</c>.</param>
    /// <param name="size">Size of the section in bytes.</param>
    /// <param name="variables">Initial entries; more can be added to <see cref="Variables"/>.</param>
    public BtfDataSec(string name, uint size, IEnumerable<BtfVarSecInfo>? variables = null)
        : base(BtfNames.Required(name, BtfKind.DataSec))
    {
        Size = size;
        Variables = new BtfList<BtfVarSecInfo>(variables);
    }

    /// <inheritdoc/>
    public override BtfKind Kind => BtfKind.DataSec;

    /// <summary>Size of the section in bytes.</summary>
    public uint Size { get; }

    /// <summary>The variables, in offset order for the kernel.</summary>
    public IList<BtfVarSecInfo> Variables { get; }
}
