using System.Linq.Expressions;
using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// The driver, the only place that knows the whole order: front end (lambda → SSA IR), the pass
/// pipeline, back end (IR → eBPF). User errors (<see cref="BpfCompileException"/>) pass through; any
/// other failure is a BpfLinq bug and is wrapped in <see cref="InternalCompilerError"/> naming the phase.
/// </summary>
internal static class BpfCompiler
{
    /// <summary>Compiles a lambda for a program kind.</summary>
    public static CompiledProgram Compile(LambdaExpression lambda, ProgramKind kind, string sourceText, string? sourceFile, int sourceLine, CompileOptions options)
    {
        var module = IrLowering.LowerModule(lambda, kind, new LoweringOptions
        {
            Name = options.Name,
            SourceText = sourceText,
            SourceFile = sourceFile,
            SourceLine = sourceLine,
            VerifyIr = options.VerifyIrAfterEachPass,
        });
        var codes = new List<MachineCode>();
        foreach (var function in module.Functions)
        {
            Phase("pass pipeline", function, () => Pipeline.Default.Run(function, new PassContext(kind)
            {
                VerifyIrAfterEachPass = options.VerifyIrAfterEachPass,
                DumpAfter = PassContext.ParseDumpAfter(options.DumpAfter),
                Trace = options.Trace,
            }));
            // The back end gets dense ids, and its error messages name values by them, as the IR text
            // does (the pipeline leaves the blocks in reverse post-order, the order the printer numbers
            // in). Printing waits until asked for: it renders every instruction's C# source, which a
            // compile otherwise never needs.
            function.Renumber();
            MachineCode code = null!;
            Phase("code generation", function, () => code = CodeGenerator.Generate(function, new BackendOptions
            {
                CheckAllocation = options.CheckAllocation,
                Trace = options.Trace,
            }));
            codes.Add(code);
        }
        var (instructions, sources, starts) = ProgramLinker.Link(codes);
        var (btf, funcInfo, lineInfo) = ProgramBtf.Build(module, starts, sources, sourceFile, sourceLine);
        var symbols = new ProgramSymbols(
            [.. module.Maps], [.. module.Kfuncs], [.. module.Functions.Select((f, k) => (f.Name, starts[k]))], btf, [.. funcInfo], [.. lineInfo]);
        return new CompiledProgram(options.Name, kind, sourceText, lambda.ReturnType == typeof(Verdict), instructions, sources,
            () => string.Join("\n", module.Functions.Select(IrPrinter.Print)), codes.Max(c => c.StackSize), symbols,
            () => [.. module.Functions.Select(ControlFlowGraphs.Build)]);
    }

    private static void Phase(string phase, Function function, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not InternalCompilerError and not BpfCompileException and not OutOfMemoryException)
        {
            string dump;
            try
            {
                dump = IrPrinter.Print(function);
            }
            catch (Exception printError) when (printError is InvalidOperationException or ArgumentException or NullReferenceException)
            {
                dump = "(IR could not be printed)";
            }
            throw new InternalCompilerError(phase, function.Name, e.GetType().Name + ": " + e.Message, dump);
        }
    }
}
