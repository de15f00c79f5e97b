namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Something an instruction can use: an <see cref="Instr"/> result, a function <see cref="Param"/>, or
/// a <see cref="Constant"/>. Values are compared by reference; constants are interned per function.
/// </summary>
internal abstract class Value
{
    private protected Value(IrType type) => Type = type;

    /// <summary>The value's type.</summary>
    public IrType Type { get; internal set; }

    /// <summary>True when this is a <see cref="Constant"/>.</summary>
    public bool IsConstant => this is Constant;

    /// <summary>Matches a constant and returns its value.</summary>
    public bool MatchConst(out long value)
    {
        if (this is Constant c)
        {
            value = c.Bits;
            return true;
        }
        value = 0;
        return false;
    }
}

/// <summary>An integer constant of a scalar type; interned per function (see <see cref="Function.Const"/>).</summary>
internal sealed class Constant : Value
{
    internal Constant(IrType type, long bits)
        : base(type) => Bits = bits;

    /// <summary>The value, normalised: an i32 constant holds its sign-extended 32-bit pattern.</summary>
    public long Bits { get; }

    /// <summary>Printed as a literal: decimal when small, otherwise hex of the bit pattern at the type's width.</summary>
    public override string ToString()
    {
        if (Type == IrType.Bool)
        {
            return Bits != 0 ? "true" : "false";
        }
        if (Bits is >= -4096 and <= 4096)
        {
            return Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Type == IrType.I32 ? $"0x{(uint)Bits:x}" : $"0x{(ulong)Bits:x}";
    }
}

/// <summary>A function parameter (the context pointer of a program, an argument of a subprogram).</summary>
internal sealed class Param : Value
{
    internal Param(IrType type, int index)
        : base(type) => Index = index;

    /// <summary>Position in the parameter list.</summary>
    public int Index { get; }

    /// <summary>Dense id used by analyses' arrays; assigned by <see cref="Function.Renumber"/>.</summary>
    public int Id { get; internal set; }
}
