using System.Buffers.Binary;
using System.Globalization;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>One line of <c>Data/isa-table.txt</c>: the slots of an instruction and its canonical text.</summary>
/// <param name="Line">The line number in the file.</param>
/// <param name="Section">The comment heading the group the line belongs to.</param>
/// <param name="Slots">The instruction's slots, decoded from the hex bytes (two for ld_imm64).</param>
/// <param name="Text">The canonical text.</param>
/// <param name="Difference">The "differs (n)" number when llvm-objdump-19 prints something else, else null.</param>
public sealed record IsaTableEntry(int Line, string Section, Insn[] Slots, string Text, int? Difference)
{
    /// <summary>True for the raw-data lines of malformed slots.</summary>
    public bool IsMalformed => Text.StartsWith(".8byte", StringComparison.Ordinal);

    /// <summary>The second slot for <see cref="Disassembler.Format"/>.</summary>
    public Insn Next => Slots.Length > 1 ? Slots[1] : default;

    /// <inheritdoc/>
    public override string ToString() => $"isa-table.txt:{Line}: {Text}";
}

/// <summary>Reads the ISA data table from the source tree (so no project change is needed to ship it).</summary>
public static class IsaTable
{
    private static readonly Lazy<IReadOnlyList<IsaTableEntry>> s_entries = new(Load);

    /// <summary>Where the table lives.</summary>
    public static string FilePath =>
        Path.Combine(RepositoryPaths.Root, "tests", "BpfLinq.Compiler.Tests", "Isa", "Data", "isa-table.txt");

    /// <summary>All entries in file order.</summary>
    public static IReadOnlyList<IsaTableEntry> Entries => s_entries.Value;

    /// <summary>Theory rows: line number and text (serializable, so each line is its own test case).</summary>
    public static TheoryData<int, string> Rows
    {
        get
        {
            var rows = new TheoryData<int, string>();
            foreach (var entry in Entries)
            {
                rows.Add(entry.Line, entry.Text);
            }
            return rows;
        }
    }

    /// <summary>The entry on a given line.</summary>
    public static IsaTableEntry At(int line) => Entries.Single(entry => entry.Line == line);

    private static IReadOnlyList<IsaTableEntry> Load()
    {
        var entries = new List<IsaTableEntry>();
        var section = "";
        int? sectionDifference = null;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(FilePath))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                // A "# differs (n)" line under a heading applies to the whole group.
                if (DifferenceOf(line) is { } difference)
                {
                    sectionDifference = difference;
                }
                else
                {
                    section = line[1..].Trim();
                    sectionDifference = null;
                }
                continue;
            }
            var entry = Parse(line, lineNumber, section);
            entries.Add(entry.Difference is null ? entry with { Difference = sectionDifference } : entry);
        }
        return entries;
    }

    private static IsaTableEntry Parse(string line, int lineNumber, string section)
    {
        var bar = line.IndexOf(" | ", StringComparison.Ordinal);
        if (bar < 0)
        {
            throw new FormatException($"isa-table.txt:{lineNumber}: expected '<hex bytes> | <text>'");
        }
        var bytes = line[..bar].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(hex => byte.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();
        if (bytes.Length is not (8 or 16))
        {
            throw new FormatException($"isa-table.txt:{lineNumber}: {bytes.Length} bytes, expected 8 or 16");
        }
        var rest = line[(bar + 3)..];
        var comment = rest.IndexOf('#', StringComparison.Ordinal);
        var text = (comment < 0 ? rest : rest[..comment]).Trim();
        var slots = new Insn[bytes.Length / 8];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = Insn.FromUInt64(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8)));
        }
        return new IsaTableEntry(lineNumber, section, slots, text, comment < 0 ? null : DifferenceOf(rest[comment..]));
    }

    private static int? DifferenceOf(string comment) =>
        comment.StartsWith("# differs (", StringComparison.Ordinal) ? comment["# differs (".Length] - '0' : null;
}
