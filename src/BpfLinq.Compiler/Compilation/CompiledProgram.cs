using System.Collections.Immutable;
using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Isa;
using BpfLinq.Maps;

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
    private readonly Lazy<IReadOnlyList<ControlFlowGraph>> _controlFlowGraphs;

    internal CompiledProgram(string name, ProgramKind kind, string lambdaText, bool returnsVerdict, Insn[] instructions, SourceRef?[] sources, Func<string> ir, int stackSize, ProgramSymbols symbols,
        Func<IReadOnlyList<ControlFlowGraph>>? controlFlowGraphs = null)
    {
        _controlFlowGraphs = new Lazy<IReadOnlyList<ControlFlowGraph>>(controlFlowGraphs ?? (() => []));
        Maps = symbols.Maps;
        Kfuncs = symbols.Kfuncs;
        Functions = [.. symbols.Functions.Select(f => new ProgramFunction(f.Name, f.Start))];
        Relocations = symbols.Relocations;
        HasLoops = symbols.HasLoops;
        Btf = symbols.Btf;
        FuncInfo = symbols.FuncInfo;
        LineInfo = symbols.LineInfo;
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

    /// <summary>The control-flow graph of each function's IR (the one <see cref="Ir"/> prints), main first; built on first use.</summary>
    public IReadOnlyList<ControlFlowGraph> ControlFlowGraphs => _controlFlowGraphs.Value;

    /// <summary>The control-flow graphs in Graphviz's DOT language, a cluster per function when there are several (<c>dot -Tsvg</c> draws it).</summary>
    public string ToDot() => ControlFlowGraphDot.Write(ControlFlowGraphs);

    /// <summary>Bytes of stack the program uses below r10.</summary>
    public int StackSize { get; }

    /// <summary>
    /// The maps the program uses, in fd_array order: each <c>ld_imm64</c> with BPF_PSEUDO_MAP_IDX (or
    /// BPF_PSEUDO_MAP_IDX_VALUE) names one by its index here (a <see cref="RelocationKind.Map"/> or
    /// <see cref="RelocationKind.MapValue"/> relocation). A loader creates them, each with its
    /// <see cref="MapDefinition.Btf"/> (or reuses the ones already created for the same definitions),
    /// and passes their fds as the fd_array.
    /// </summary>
    public IReadOnlyList<MapDefinition> Maps { get; }

    /// <summary>
    /// The kfuncs the program calls, by name, with the slots of their calls: a call's immediate is the
    /// kfunc's index here until a loader puts its BTF id there.
    /// </summary>
    public IReadOnlyList<KfuncReference> Kfuncs { get; }

    /// <summary>The functions, main first: name and first slot.</summary>
    public IReadOnlyList<ProgramFunction> Functions { get; }

    /// <summary>
    /// Every symbolic reference in <see cref="Instructions"/>, in slot order: local calls and callback
    /// addresses (resolved to slot distances), kfunc calls (their index in <see cref="Kfuncs"/>) and map
    /// references (their index in <see cref="Maps"/>). A loader reads these instead of scanning the
    /// instructions.
    /// </summary>
    public ImmutableArray<Relocation> Relocations { get; }

    /// <summary>
    /// True when some jump goes backwards: the program has a loop, and the verifier must follow its
    /// iterations (a rejection for that is the user's to fix, not a compiler bug).
    /// </summary>
    public bool HasLoops { get; }

    /// <summary>The program's BTF (functions and the strings line_info points at); empty when it has none.</summary>
    public ReadOnlyMemory<byte> Btf { get; }

    /// <summary>One record per function: where it starts and its BTF FUNC.</summary>
    public ImmutableArray<FuncInfo> FuncInfo { get; }

    /// <summary>Where each C# expression's instructions start (the verifier quotes these lines).</summary>
    public ImmutableArray<LineInfo> LineInfo { get; }

    /// <summary>The C# expression (text and path from the lambda, e.g. <c>Body.Test</c>) an instruction slot came from, or null.</summary>
    public SourceExpression? SourceOf(int slot) =>
        slot >= 0 && slot < _sources.Length && _sources[slot] is { } s ? new SourceExpression(s.Text, s.Path) : null;

    /// <summary>The disassembly in llvm-objdump syntax, each C# expression on a <c>;</c> line above the instructions it produced.</summary>
    public string Disassemble() => SourceMap.Format([.. Instructions], _sources, [.. Functions.Select(f => (f.Name, f.Start))]);

    /// <summary>The lambda and its disassembly.</summary>
    public override string ToString() => $"{Name} ({Kind}): {LambdaText}\n{Disassemble()}";
}
