using System.Collections.Immutable;
using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq;

/// <summary>
/// A compiled program: the kernel-independent artifact of a lambda for one <see cref="ProgramKind"/>.
/// It holds the instructions, the IR they came from and a source map from every instruction to the
/// C# expression that produced it. Compiling the same lambda twice gives the same bytes. Load it
/// with the runtime (<c>program.Load()</c>).
/// </summary>
public sealed class CompiledProgram
{
    private readonly SourceRef?[] _sources;
    private readonly Lazy<string> _ir;

    internal CompiledProgram(string name, ProgramKind kind, string lambdaText, bool returnsVerdict, Insn[] instructions, SourceRef?[] sources, Func<string> ir, int stackSize)
    {
        ReturnsVerdict = returnsVerdict;
        Name = name;
        Kind = kind;
        LambdaText = lambdaText;
        Instructions = [.. instructions];
        _sources = sources;
        _ir = new Lazy<string>(ir);
        StackSize = stackSize;
    }

    /// <summary>The program's name.</summary>
    public string Name { get; }

    /// <summary>The kind it was compiled for.</summary>
    public ProgramKind Kind { get; }

    /// <summary>The lambda's source text.</summary>
    public string LambdaText { get; }

    /// <summary>True when the lambda returns a <see cref="Verdict"/> (mapped by the compiler), false for a raw integer.</summary>
    public bool ReturnsVerdict { get; }

    /// <summary>The instruction slots, as the kernel loads them.</summary>
    public ImmutableArray<Insn> Instructions { get; }

    /// <summary>The IR after the pass pipeline (the text <c>IrPrinter</c> writes), printed on first use.</summary>
    public string Ir => _ir.Value;

    /// <summary>Bytes of stack the program uses below r10.</summary>
    public int StackSize { get; }

    /// <summary>The C# expression (text and path from the lambda, e.g. <c>Body.Test</c>) an instruction slot came from, or null.</summary>
    public (string Text, string Path)? SourceOf(int slot) =>
        slot >= 0 && slot < _sources.Length && _sources[slot] is { } s ? (s.Text, s.Path) : null;

    /// <summary>The disassembly in llvm-objdump syntax, each C# expression on a <c>;</c> line above the instructions it produced.</summary>
    public string Disassemble() => SourceMap.Format([.. Instructions], _sources);

    /// <summary>The lambda and its disassembly.</summary>
    public override string ToString() => $"{Name} ({Kind}): {LambdaText}\n{Disassemble()}";
}
