using System.Text.RegularExpressions;

namespace BpfLinq.Bench.Report;

/// <summary>
/// Sums the instruction slots of the golden programs (the <c>-- asm</c> sections of
/// tests/BpfLinq.Compiler.Tests/Golden/Cases/**/*.golden, or of another copy of that folder):
/// the number to compare before and after a change to the compiler.
/// </summary>
internal static partial class GoldenTotals
{
    /// <summary>Prints one line per golden file (slots, name) and the total; returns the exit code.</summary>
    public static int Run(TextWriter output, string? root)
    {
        root ??= Path.Combine(RepositoryRoot(), "tests", "BpfLinq.Compiler.Tests", "Golden", "Cases");
        var total = 0;
        var files = Directory.GetFiles(root, "*.golden", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var slots = Slots(File.ReadAllText(file));
            total += slots;
            output.WriteLine($"{slots,4} {Path.GetRelativePath(root, file)}");
        }
        output.WriteLine($"{total,4} total over {files.Count} golden programs");
        return 0;
    }

    // Slots of the -- asm section: the last index, plus two for a final ld_imm64, else one.
    private static int Slots(string golden)
    {
        var asm = golden.Split("\n-- ").FirstOrDefault(s => s.StartsWith("asm", StringComparison.Ordinal)) ?? "";
        var last = asm.Split('\n').Select(l => AsmLine().Match(l)).Where(m => m.Success).LastOrDefault();
        return last is null ? 0 : int.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + (last.Groups[2].Value.Contains(" ll", StringComparison.Ordinal) ? 2 : 1);
    }

    /// <summary>The checkout this bench runs from.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "tests", "BpfLinq.Compiler.Tests")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run from inside the repository");
    }

    [GeneratedRegex(@"^\s*(\d+):\t(.*)$")]
    private static partial Regex AsmLine();
}
