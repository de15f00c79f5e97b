using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>What an <see cref="AsmItem"/> is.</summary>
internal enum AsmItemKind : byte
{
    /// <summary>One finished slot.</summary>
    Plain,
    /// <summary>A 16-byte ld_imm64: <see cref="AsmItem.Insn"/> and <see cref="AsmItem.Second"/>.</summary>
    Wide,
    /// <summary>An unconditional jump to <see cref="AsmItem.Target"/> (goto, or gotol when far).</summary>
    Jump,
    /// <summary>A conditional jump (its opcode, registers and immediate in <see cref="AsmItem.Insn"/>) to <see cref="AsmItem.Target"/>.</summary>
    Branch,
}

/// <summary>
/// An instruction of the emitted stream before branch resolution: jumps name a label (a block),
/// never an offset (cilium's symbolic jumps), so layout and relaxation can still move things; calls
/// and <c>ld_imm64</c>s of functions, kfuncs and maps name their symbol (<see cref="Reference"/>).
/// </summary>
/// <param name="Kind">What it is.</param>
/// <param name="Insn">The instruction (for jumps, everything but the offset).</param>
/// <param name="Second">The second slot of a wide load.</param>
/// <param name="Target">The label a jump goes to.</param>
/// <param name="Source">The expression it came from.</param>
internal readonly record struct AsmItem(AsmItemKind Kind, Insn Insn, Insn Second, int Target, SourceRef? Source)
{
    /// <summary>The function, kfunc or map the instruction's immediate refers to, filled in by <see cref="ProgramLinker"/>; null for none.</summary>
    public SymbolRef? Reference { get; init; }

    /// <summary>One finished slot.</summary>
    public static AsmItem Plain(Insn insn, SourceRef? source) => new(AsmItemKind.Plain, insn, default, -1, source);

    /// <summary>True for <c>exit</c>.</summary>
    public bool IsExit => Kind == AsmItemKind.Plain && Insn.IsExit;
}
