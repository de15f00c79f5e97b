using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// One machine instruction on virtual registers (see <see cref="MachineOpcode"/> for what each
/// field means per opcode). Jumps name blocks, never offsets: offsets exist only after
/// <see cref="BranchResolver"/>. <see cref="Index"/> is a dense position that the allocation's
/// per-instruction arrays are indexed by.
/// </summary>
internal sealed class MachineInstr
{
    /// <summary>Creates an instruction.</summary>
    public MachineInstr(MachineOpcode opcode, VReg[] defs, VReg[] uses)
    {
        Opcode = opcode;
        Defs = defs;
        Uses = uses;
    }

    /// <summary>The operation.</summary>
    public MachineOpcode Opcode { get; }

    /// <summary>Registers written (one, except none for stores, jumps and exit).</summary>
    public VReg[] Defs { get; }

    /// <summary>Registers read, in operand order.</summary>
    public VReg[] Uses { get; }

    /// <summary>The immediate operand, helper id, or constant.</summary>
    public long Imm { get; init; }

    /// <summary>True when the second source operand is <see cref="Imm"/> rather than a register.</summary>
    public bool HasImm { get; init; }

    /// <summary>The ALU operation of <see cref="MachineOpcode.Alu"/>.</summary>
    public AluOp AluOp { get; init; }

    /// <summary>ALU32 / JMP32 / 32-bit sign extension.</summary>
    public bool Is32 { get; init; }

    /// <summary>Signed division or modulo (offset 1), or a sign-extending load.</summary>
    public bool IsSigned { get; init; }

    /// <summary>The condition of a <see cref="MachineOpcode.Branch"/>.</summary>
    public JmpOp JmpOp { get; init; }

    /// <summary>Access width of a load or store.</summary>
    public Size Size { get; init; }

    /// <summary>A load whose base is the frame pointer r10 (a stack buffer): <see cref="Uses"/> then holds no base.</summary>
    public bool FrameBase { get; init; }

    /// <summary>Memory displacement of a load or store.</summary>
    public short Offset { get; init; }

    /// <summary>Source width of <see cref="MachineOpcode.MovSx"/>, width of <see cref="MachineOpcode.ByteSwap"/>.</summary>
    public int Bits { get; init; }

    /// <summary>Successors of a jump or branch, with the arguments each edge passes.</summary>
    public BlockCall[] Targets { get; init; } = [];

    /// <summary>The expression this instruction came from.</summary>
    public SourceRef? Source { get; init; }

    /// <summary>
    /// The function, kfunc or map referred to: the callee of a <see cref="MachineOpcode.Call"/> that is
    /// not a helper call, and what a <see cref="MachineOpcode.LoadPseudo"/> loads. Null otherwise.
    /// </summary>
    public SymbolRef? Symbol { get; init; }

    /// <summary>For <see cref="MachineOpcode.LoadPseudo"/> of a map value: the offset into the value.</summary>
    public int Imm2 { get; init; }

    /// <summary>Dense position in the function, assigned by <see cref="MachineFunction.Number"/>.</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>True for jump, branch and exit.</summary>
    public bool IsTerminator => Opcode is MachineOpcode.Jump or MachineOpcode.Branch or MachineOpcode.Exit;

    /// <summary>True when the eBPF form overwrites <c>Uses[0]</c> (see <see cref="MachineOpcode"/>).</summary>
    public bool IsTied => Opcode is MachineOpcode.Alu or MachineOpcode.Neg or MachineOpcode.ByteSwap;

    /// <summary>True for a tied ALU operation whose two register sources may be exchanged (the emitter ties either).</summary>
    public bool IsCommutative =>
        Opcode == MachineOpcode.Alu && !HasImm
        && AluOp is AluOp.Add or AluOp.Mul or AluOp.And or AluOp.Or or AluOp.Xor;

    /// <summary>The instruction as text (see <see cref="MachinePrinter"/>).</summary>
    public override string ToString() => MachinePrinter.Format(this);
}
