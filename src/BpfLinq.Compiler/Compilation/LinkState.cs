using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Compilation;

/// <summary>What the program-wide steps after code generation work on: every function's code, then the linked program and its BTF.</summary>
internal sealed class LinkState(Module module, IReadOnlyList<MachineCode> codes, DiagnosticLocation program)
{
    /// <summary>The lowered module.</summary>
    public Module Module { get; } = module;

    /// <summary>Each function's machine code, in the module's order.</summary>
    public IReadOnlyList<MachineCode> Codes { get; } = codes;

    /// <summary>The program's kind, lambda, file and line, for the user's errors.</summary>
    public DiagnosticLocation Program { get; } = program;

    /// <summary>The file the lambda was written in, for line_info.</summary>
    public string? SourceFile => Program.SourceFile;

    /// <summary>The line the lambda starts at.</summary>
    public int SourceLine => Program.SourceLine;

    /// <summary>The linked program.</summary>
    public Insn[] Instructions { get; set; } = [];

    /// <summary>The expression each slot came from.</summary>
    public SourceRef?[] Sources { get; set; } = [];

    /// <summary>The slot each function starts at.</summary>
    public int[] Starts { get; set; } = [];

    /// <summary>The symbolic references at their program slots, resolved.</summary>
    public Relocation[] Relocations { get; set; } = [];

    /// <summary>True when some jump goes backwards (the program has a loop).</summary>
    public bool HasLoops { get; set; }

    /// <summary>The program's BTF blob.</summary>
    public byte[] Btf { get; set; } = [];

    /// <summary>Where each function starts, for the kernel.</summary>
    public FuncInfo[] FuncInfo { get; set; } = [];

    /// <summary>Where each run of instructions from one C# expression starts.</summary>
    public LineInfo[] LineInfo { get; set; } = [];

    /// <summary>The functions with the slot each starts at.</summary>
    public (string Name, int Start)[] Functions => [.. Module.Functions.Select((f, k) => (f.Name, Starts[k]))];

    /// <summary>Throws the user's error when a call chain passes the kernel's frame or stack limit.</summary>
    public void CheckCallStack()
    {
        if (CallStackLimits.Check(Codes, [.. Module.Functions.Select(f => f.Name)]) is ({ } error, var at))
        {
            throw error.At(Program.At(at));
        }
    }

    /// <summary>The linked listing, each function named where it starts.</summary>
    public string PrintProgram() => SourceMap.Format(Instructions, Sources, Functions);

    /// <summary>The BTF records' sizes, and func_info and line_info.</summary>
    public string PrintBtf() =>
        $"btf: {Btf.Length} bytes\nfunc_info: {string.Join(", ", FuncInfo)}\nline_info: {LineInfo.Length} records\n";
}
