using System.Globalization;
using System.Text;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Reads the per-slot source references of emitted code: the listing with each C# expression above
/// the instructions it produced (cilium's annotated listing), and the ranges of slots per
/// expression that line_info and verifier messages map back through.
/// </summary>
internal static class SourceMap
{
    /// <summary>
    /// The disassembly (llvm-objdump syntax, index column) with a <c>; text</c> line before each run
    /// of instructions that came from the same expression.
    /// </summary>
    public static string Format(Insn[] instructions, SourceRef?[] sources, IReadOnlyList<(string Name, int Start)>? functions = null)
    {
        var lines = Disassembler.Disassemble(instructions);
        var sb = new StringBuilder();
        SourceRef? previous = null;
        var slot = 0;
        foreach (var line in lines)
        {
            // Programs with subprograms name each function where it starts (bpftool's "<name>:" lines).
            if (functions is { Count: > 1 } && functions.FirstOrDefault(f => f.Start == slot) is { Name: { } name })
            {
                sb.Append(name).Append(":\n");
                previous = null;
            }
            var source = slot < sources.Length ? sources[slot] : null;
            if (source is not null && source != previous)
            {
                sb.Append("; ").Append(source.Text).Append('\n');
            }
            previous = source;
            sb.Append(line).Append('\n');
            slot += instructions[slot].IsLoadImm64 && slot + 1 < instructions.Length ? 2 : 1;
        }
        return sb.ToString();
    }

    /// <summary>The first slot of each run of slots with the same source, with that source.</summary>
    public static IEnumerable<(int Slot, SourceRef Source)> Runs(SourceRef?[] sources)
    {
        SourceRef? previous = null;
        for (var i = 0; i < sources.Length; i++)
        {
            if (sources[i] is { } s && s != previous)
            {
                yield return (i, s);
            }
            previous = sources[i];
        }
    }

    /// <summary>The slot range of a source, as "3-5" (for messages).</summary>
    public static string Describe(int first, int last) =>
        first == last ? first.ToString(CultureInfo.InvariantCulture) : $"{first.ToString(CultureInfo.InvariantCulture)}-{last.ToString(CultureInfo.InvariantCulture)}";
}
