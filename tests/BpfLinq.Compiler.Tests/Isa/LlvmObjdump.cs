using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>Disassembles instructions with llvm-objdump-19 and returns its instruction text per slot index.</summary>
public static class LlvmObjdump
{
    /// <summary>Runs <c>llvm-objdump-19 -d</c> (plus <paramref name="extraArguments"/>) on the slots; keys are slot indexes.</summary>
    public static Dictionary<int, string> Disassemble(IReadOnlyList<Insn> slots, params string[] extraArguments)
    {
        var directory = Directory.CreateTempSubdirectory("bpflinq-objdump-");
        try
        {
            var path = Path.Combine(directory.FullName, "insns.o");
            BpfElfWriter.Write(path, slots.ToArray());
            var output = ReferenceTool.Run("llvm-objdump-19", ["-d", .. extraArguments, path]);
            return Parse(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Parses lines "     12:\t&lt;raw bytes&gt;\t&lt;text&gt;" and drops the symbolizer's suffix
    /// (" &lt;.text+0x70&gt;", printed after jump targets).
    /// </summary>
    private static Dictionary<int, string> Parse(string output)
    {
        var texts = new Dictionary<int, string>();
        foreach (var line in output.Split('\n'))
        {
            var columns = line.Split('\t', 3);
            if (columns.Length < 3 || !columns[0].EndsWith(':') || !int.TryParse(columns[0].TrimEnd(':'), out var index))
            {
                continue;
            }
            var text = columns[2];
            var symbol = text.LastIndexOf(" <.text", StringComparison.Ordinal);
            texts[index] = symbol >= 0 && text.EndsWith('>') ? text[..symbol] : text;
        }
        return texts;
    }
}
