using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Generates eBPF instructions for an IR function: the back end's steps of
/// <see cref="CompileOrder.BackEnd"/> (instruction selection to branch resolution), each in the
/// phase wrapper. Deterministic: no dictionary order, no time, no addresses reach the output.
/// </summary>
internal static class CodeGenerator
{
    /// <summary>Compiles <paramref name="function"/> (a verified IR function) to machine code.</summary>
    /// <exception cref="InternalCompilerError">A step failed or the allocation checker refuted the allocation.</exception>
    public static MachineCode Generate(Function function, BackendOptions options)
    {
        var state = new BackEndState(function, options);
        StepRunner.RunAll(CompileOrder.BackEnd, state, function.Name, options.Hooks);
        return state.Code;
    }
}
