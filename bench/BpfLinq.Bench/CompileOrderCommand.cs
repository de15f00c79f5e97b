using BpfLinq.Bench.Report;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Bench;

/// <summary>
/// <c>dotnet run --project bench/BpfLinq.Bench -- compile-order</c>: prints the compiler's steps in
/// order and writes <c>docs/compile-order.md</c> (the table and the order constraints).
/// </summary>
internal static class CompileOrderCommand
{
    public static int Run(TextWriter output)
    {
        output.Write(CompileOrder.Print());
        var path = Path.Combine(Docs.DocBlock.RepositoryRoot(), CompileOrderDocument.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, CompileOrderDocument.Markdown());
        output.WriteLine($"wrote {CompileOrderDocument.RelativePath}");
        return 0;
    }
}
