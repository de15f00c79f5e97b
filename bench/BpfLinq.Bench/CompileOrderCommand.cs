using BpfLinq.Bench.Report;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Bench;

/// <summary>
/// <c>dotnet run --project bench/BpfLinq.Bench -- compile-order</c>: prints the compiler's steps in
/// order and writes <c>docs/compile-order.md</c> (the table and the order constraints) and the
/// table in <c>docs/ARCHITECTURE.md</c>.
/// </summary>
internal static class CompileOrderCommand
{
    public static int Run(TextWriter output)
    {
        output.Write(CompileOrder.Print());
        var path = Path.Combine(Docs.DocBlock.RepositoryRoot(), CompileOrderDocument.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, CompileOrderDocument.Markdown());
        Docs.DocBlock.Write("ARCHITECTURE.md", "compile-order", CompileOrderDocument.TableBlock());
        output.WriteLine($"wrote {CompileOrderDocument.RelativePath} and the table in docs/ARCHITECTURE.md");
        return 0;
    }
}
