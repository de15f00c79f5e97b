using System.Text.RegularExpressions;
using BpfLinq.Bench.Docs;

namespace BpfLinq.Bench.Report;

/// <summary>
/// Sums the instruction slots of the golden programs (the <c>-- asm</c> sections of
/// tests/BpfLinq.Compiler.Tests/Golden/Cases/**/*.golden, or of another copy of that folder):
/// the number to compare before and after a change to the compiler.
/// </summary>
internal static partial class GoldenTotals
{
    /// <summary>
    /// Prints one line per golden file (slots, name) and the total; with <paramref name="writeDocs"/>,
    /// also writes the per-folder table of docs/TESTING.md. Returns the exit code.
    /// </summary>
    public static int Run(TextWriter output, string? root, bool writeDocs = false)
    {
        root ??= Path.Combine(DocBlock.RepositoryRoot(), "tests", "BpfLinq.Compiler.Tests", "Golden", "Cases");
        var total = 0;
        var files = Directory.GetFiles(root, "*.golden", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var byFolder = new SortedDictionary<string, (int Programs, int Slots)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var slots = Slots(File.ReadAllText(file));
            total += slots;
            var relative = Path.GetRelativePath(root, file);
            output.WriteLine($"{slots,4} {relative}");
            var folder = Path.GetDirectoryName(relative) is { Length: > 0 } d ? d : ".";
            var (programs, sum) = byFolder.GetValueOrDefault(folder);
            byFolder[folder] = (programs + 1, sum + slots);
        }
        output.WriteLine($"{total,4} total over {files.Count} golden programs");
        if (writeDocs)
        {
            var table = new System.Text.StringBuilder("| folder | golden programs | instruction slots |\n|---|---:|---:|\n");
            foreach (var (folder, (programs, slots)) in byFolder)
            {
                table.Append($"| {folder} | {programs} | {slots} |\n");
            }
            table.Append($"| **all** | **{files.Count}** | **{total}** |\n");
            DocBlock.Write("TESTING.md", "golden-totals", table.ToString());
        }
        return 0;
    }

    // Slots of the -- asm section: the last index, plus two for a final ld_imm64, else one.
    private static int Slots(string golden)
    {
        var asm = golden.Split("\n-- ").FirstOrDefault(s => s.StartsWith("asm", StringComparison.Ordinal)) ?? "";
        var last = asm.Split('\n').Select(l => AsmLine().Match(l)).Where(m => m.Success).LastOrDefault();
        return last is null ? 0 : int.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + (last.Groups[2].Value.Contains(" ll", StringComparison.Ordinal) ? 2 : 1);
    }

    [GeneratedRegex(@"^\s*(\d+):\t(.*)$")]
    private static partial Regex AsmLine();
}
