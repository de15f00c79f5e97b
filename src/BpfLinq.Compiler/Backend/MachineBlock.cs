using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// A basic block of machine code: parameters (the phis), straight-line instructions, and one
/// terminator (jump, branch or exit).
/// </summary>
internal sealed class MachineBlock
{
    /// <summary>Creates an empty block.</summary>
    public MachineBlock(int id) => Id = id;

    /// <summary>Dense id: the position in <see cref="MachineFunction.Blocks"/>.</summary>
    public int Id { get; }

    /// <summary>Registers defined on entry from the arguments of the incoming edge.</summary>
    public List<VReg> Params { get; } = [];

    /// <summary>The expression each parameter (phi) came from; labels the moves that bind it.</summary>
    public List<SourceRef?> ParamSources { get; } = [];

    /// <summary>The instructions before the terminator.</summary>
    public List<MachineInstr> Instrs { get; } = [];

    /// <summary>The terminator; set once the block is complete.</summary>
    public MachineInstr Terminator { get; set; } = null!;

    /// <summary>Incoming edges: the predecessor and the index of this block among its targets.</summary>
    public List<(MachineBlock Block, int TargetIndex)> Preds { get; } = [];

    /// <summary>Number of loops around the block (0 outside loops); weighs spill costs and copies.</summary>
    public int LoopDepth { get; set; }

    /// <summary>The outgoing edges.</summary>
    public BlockCall[] Succs => Terminator.Targets;

    /// <summary>The instructions followed by the terminator.</summary>
    public IEnumerable<MachineInstr> AllInstrs()
    {
        foreach (var i in Instrs)
        {
            yield return i;
        }
        yield return Terminator;
    }

    /// <summary>The block's label in dumps.</summary>
    public override string ToString() => "b" + Id;
}
