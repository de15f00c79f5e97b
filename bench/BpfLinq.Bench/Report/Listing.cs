using BpfLinq.Compiler.Isa;

namespace BpfLinq.Bench.Report;

/// <summary>
/// Prints, for each report row (or the ones named), BpfLinq's IR and instructions next to clang's
/// instructions for the C twin: what one reads to see where the counts differ. Needs clang-19 but
/// not the kernel.
/// </summary>
internal static class Listing
{
    /// <summary>Prints the listings of the rows in <paramref name="names"/> (all when empty); returns the exit code.</summary>
    public static int Run(TextWriter output, IReadOnlyCollection<string> names)
    {
        var rows = TypicalLambdas.All.Select(c => (c.Name, c.Kind, Compile: (Func<CompiledProgram>)(() => c.Filter.Compile(c.Kind))))
            .Concat(PacketFilters.All.Select(c => (c.Name, c.Kind, c.Compile)));
        foreach (var (name, kind, compile) in rows.Where(r => names.Count == 0 || names.Contains(r.Name)))
        {
            var theirs = ClangPeer.CompileTwin(name, kind);
            try
            {
                var ours = compile();
                output.WriteLine($"== {name} ({kind}): {ours.LambdaText}");
                output.WriteLine(ours.Ir);
                output.WriteLine($"-- BpfLinq: {ours.Instructions.Length} instructions");
                output.WriteLine(ours.Disassemble());
            }
            catch (BpfCompileException e)
            {
                output.WriteLine($"== {name} ({kind})");
                output.WriteLine($"-- BpfLinq: {e.Message}");
            }
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
