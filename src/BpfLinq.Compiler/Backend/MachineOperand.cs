using System.Globalization;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// A value passed along a control-flow edge to a block parameter (the machine form of a phi
/// operand): a register, or a constant that the edge's moves materialise directly into the
/// parameter's home.
/// </summary>
internal readonly record struct MachineOperand
{
    private MachineOperand(VReg reg, long imm, bool isImm)
    {
        Reg = reg;
        Imm = imm;
        IsImm = isImm;
    }

    /// <summary>The register, when not <see cref="IsImm"/>.</summary>
    public VReg Reg { get; }

    /// <summary>The constant's 64-bit register pattern (i32 constants zero-extended), when <see cref="IsImm"/>.</summary>
    public long Imm { get; }

    /// <summary>True for a constant.</summary>
    public bool IsImm { get; }

    /// <summary>A register operand.</summary>
    public static MachineOperand Of(VReg reg) => new(reg, 0, false);

    /// <summary>A constant operand holding the exact register bits <paramref name="bits"/>.</summary>
    public static MachineOperand Constant(long bits) => new(default, bits, true);

    /// <summary>The operand as text.</summary>
    public override string ToString() =>
        IsImm ? "#" + Imm.ToString(CultureInfo.InvariantCulture) : Reg.ToString();
}
