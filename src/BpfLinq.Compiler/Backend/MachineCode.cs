using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// The back end's result for one function: the final instructions, where each slot came from, and
/// the decisions that produced them (the machine code before allocation and the allocation), which
/// <see cref="AllocationChecker"/> can replay.
/// </summary>
internal sealed class MachineCode
{
    /// <summary>Creates the result.</summary>
    public MachineCode(ResolvedCode resolved, MachineFunction function, Allocation allocation, int stackSize)
    {
        Instructions = resolved.Instructions;
        Sources = resolved.Sources;
        Relocations = resolved.Relocations;
        HasBackEdge = resolved.HasBackEdge;
        Function = function;
        Allocation = allocation;
        StackSize = stackSize;
    }

    /// <summary>The instruction slots (an ld_imm64 takes two).</summary>
    public Insn[] Instructions { get; }

    /// <summary>One entry per slot: the expression the slot came from (an ld_imm64's second slot repeats the first's).</summary>
    public SourceRef?[] Sources { get; }

    /// <summary>
    /// The slots whose immediate names a function, kfunc or map of the module (slots counted from this
    /// function's start); the immediates are unset until <see cref="ProgramLinker"/> resolves them.
    /// </summary>
    public Relocation[] Relocations { get; }

    /// <summary>True when some jump goes backwards (a loop).</summary>
    public bool HasBackEdge { get; }

    /// <summary>The selected instructions on virtual registers.</summary>
    public MachineFunction Function { get; }

    /// <summary>The register allocation applied to <see cref="Function"/>.</summary>
    public Allocation Allocation { get; }

    /// <summary>Bytes of stack the function uses (a multiple of 8, at most 512).</summary>
    public int StackSize { get; }

    /// <summary>The listing with each C# expression above the instructions it produced (see <see cref="SourceMap"/>).</summary>
    public string Disassemble() => SourceMap.Format(Instructions, Sources);
}
