using System.Collections.Concurrent;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq;

public sealed partial class BpfFilter<TContext>
{
    private readonly ConcurrentDictionary<(ProgramKind, CompileOptions), Lazy<CompiledProgram>> _compiled = new();

    /// <summary>
    /// Compiles the lambda for a program kind (<see cref="DefaultKind"/> when null). The result is
    /// cached per kind and options, and deterministic: the same lambda always gives the same bytes.
    /// Captured values come from the filter's snapshot (see <see cref="BpfFilter{TContext}"/>): a kind
    /// compiled later gets the values the first compile or evaluation read.
    /// </summary>
    /// <exception cref="BpfCompileException">The lambda uses something BpfLinq cannot compile for that kind; the message names the expression and its path.</exception>
    public CompiledProgram Compile(ProgramKind? kind = null, CompileOptions? options = null)
    {
        var k = kind ?? DefaultKind;
        var o = options ?? CompileOptions.Default;
        return _compiled.GetOrAdd((k, o), key => new Lazy<CompiledProgram>(
            () => BpfCompiler.Compile(Lambda, key.Item1, SourceText, SourceFile, SourceLine, key.Item2, _captured))).Value;
    }

    /// <summary>The compiled program's disassembly with the C# above its instructions (see <see cref="CompiledProgram.Disassemble"/>).</summary>
    public string Disassemble(ProgramKind? kind = null) => Compile(kind).Disassemble();
}
