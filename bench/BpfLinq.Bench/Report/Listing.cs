using BpfLinq.Compiler.Isa;

namespace BpfLinq.Bench.Report;

/// <summary>
/// Prints, for each typical lambda (or the ones named), BpfLinq's IR and instructions next to
/// clang's instructions for the C twin: what one reads to see where the counts differ.
/// Needs clang-19 but not the kernel.
/// </summary>
internal static class Listing
{
    /// <summary>Prints the listings of the cases in <paramref name="names"/> (all when empty); returns the exit code.</summary>
    public static int Run(TextWriter output, IReadOnlyCollection<string> names)
    {
        foreach (var c in TypicalLambdas.All.Where(c => names.Count == 0 || names.Contains(c.Name)))
        {
            var ours = c.Filter.Compile(c.Kind);
            var cFile = Path.Combine(AppContext.BaseDirectory, "clang", c.Name + ".c");
            var theirs = ClangPeer.Compile(cFile, c.Kind == ProgramKind.Tc ? "tc" : "socket");
            output.WriteLine($"== {c.Name} ({c.Kind}): {ours.LambdaText}");
            output.WriteLine(ours.Ir);
            output.WriteLine($"-- BpfLinq: {ours.Instructions.Length} instructions");
            output.WriteLine(ours.Disassemble());
            output.WriteLine($"-- clang: {theirs.Length} instructions");
            foreach (var line in Disassembler.Disassemble(theirs))
            {
                output.WriteLine(line);
            }
            output.WriteLine();
        }
        return 0;
    }
}
