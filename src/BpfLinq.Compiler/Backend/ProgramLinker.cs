using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Lays a program's functions out one after another, main first, and turns the function indexes
/// that local calls (<c>call pc+N</c>) and callback addresses (<c>ld_imm64</c> BPF_PSEUDO_FUNC) carry
/// after emission into slot distances relative to the next instruction, as the kernel reads them.
/// </summary>
internal static class ProgramLinker
{
    /// <summary>The linked instructions and sources, and the first slot of each function.</summary>
    public static (Insn[] Instructions, SourceRef?[] Sources, int[] Starts) Link(IReadOnlyList<MachineCode> functions)
    {
        var starts = new int[functions.Count];
        var total = 0;
        for (var f = 0; f < functions.Count; f++)
        {
            starts[f] = total;
            total += functions[f].Instructions.Length;
        }
        var instructions = functions.SelectMany(f => f.Instructions).ToArray();
        var sources = functions.SelectMany(f => f.Sources).ToArray();
        for (var pc = 0; pc < instructions.Length; pc++)
        {
            var insn = instructions[pc];
            if (insn.Class == InsnClass.Jmp && insn.JmpOp == JmpOp.Call && insn.Src == (Reg)CallKind.Local)
            {
                instructions[pc] = Insn.CallLocal(starts[insn.Imm] - (pc + 1));
            }
            else if (insn.IsWide && insn.Src == (Reg)PseudoSource.Func)
            {
                instructions[pc] = Insn.LdFunc(insn.Dst, starts[insn.Imm] - (pc + 1)).First;
            }
            if (insn.IsWide)
            {
                pc++;
            }
        }
        return (instructions, sources, starts);
    }
}
