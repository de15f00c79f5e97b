using BpfLinq.Compiler.Ir;

namespace BpfLinq.Testing;

/// <summary>A generated case: print it to see the function (FsCheck shows it on failure).</summary>
/// <param name="Seed">The generator's seed.</param>
/// <param name="Size">About how many statements.</param>
internal sealed record IrCase(int Seed, int Size)
{
    /// <summary>A fresh copy of the function.</summary>
    public Function Build() => RandomIr.Generate(Seed, Size);

    /// <summary>The seed, size and function text.</summary>
    public override string ToString() => $"seed {Seed}, size {Size}:\n{IrPrinter.Print(Build())}";
}
