using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// The one place symbolic references are resolved. Lays a program's functions out one after another,
/// main first, moves each function's relocations to program slots and fills in their immediates:
/// local calls and callback addresses get the distance in slots from the next slot to the function's
/// start (as the kernel reads them); kfunc calls get the kfunc's index (a loader puts the BTF id
/// there, see <see cref="RelocationKind.KfuncCall"/>); map references get the map's fd_array index.
/// </summary>
internal static class ProgramLinker
{
    /// <summary>Links the functions of a module, in the module's order.</summary>
    public static LinkedProgram Link(IReadOnlyList<MachineCode> functions)
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
        var relocations = new List<Relocation>();
        for (var f = 0; f < functions.Count; f++)
        {
            foreach (var local in functions[f].Relocations)
            {
                var relocation = local with { Slot = starts[f] + local.Slot };
                instructions[relocation.Slot] = instructions[relocation.Slot].WithImm(Immediate(relocation, starts));
                relocations.Add(relocation);
            }
        }
        return new LinkedProgram(instructions, sources, starts, [.. relocations], functions.Any(f => f.HasBackEdge));
    }

    private static int Immediate(Relocation relocation, int[] starts) => relocation.Kind switch
    {
        RelocationKind.LocalCall or RelocationKind.FunctionAddress => starts[relocation.Symbol] - (relocation.Slot + 1),
        _ => relocation.Symbol,
    };
}

/// <summary>A linked program.</summary>
/// <param name="Instructions">Every function's slots, main first, with every reference the compiler can resolve resolved.</param>
/// <param name="Sources">Slot by slot, the expression each came from.</param>
/// <param name="Starts">The first slot of each function.</param>
/// <param name="Relocations">Every reference, at its program slot, in slot order.</param>
/// <param name="HasLoops">True when some jump goes backwards.</param>
internal sealed record LinkedProgram(Insn[] Instructions, SourceRef?[] Sources, int[] Starts, Relocation[] Relocations, bool HasLoops);
