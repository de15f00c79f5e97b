using System.Linq.Expressions;
using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// The driver: walks the sections of <see cref="CompileOrder"/> in the order the table lists them —
/// the front end once, the passes, handover and back end per function, then the program-wide steps.
/// Every step runs in <see cref="StepRunner"/>'s phase wrapper: user errors
/// (<see cref="BpfCompileException"/>) pass through; any other failure is a BpfLinq bug and is
/// wrapped in <see cref="InternalCompilerError"/> naming the step.
/// </summary>
internal static class BpfCompiler
{
    /// <summary>
    /// Compiles a lambda for a program kind, on a stack deep enough for the tree (<see cref="DeepStack"/>).
    /// </summary>
    /// <exception cref="BpfCompileException">The lambda cannot be compiled; <see cref="DiagnosticCode.ProgramTooLarge"/> when it has more than <see cref="MaxNodes"/> nodes.</exception>
    public static CompiledProgram Compile(LambdaExpression lambda, ProgramKind kind, string sourceText, string? sourceFile, int sourceLine, CompileOptions options,
        CapturedValues? captured = null)
    {
        var nodes = ExpressionSize.Count(lambda, MaxNodes);
        if (nodes > MaxNodes)
        {
            throw CompileErrors.ProgramTooLarge(MaxNodes).At(new DiagnosticLocation(
                CSharpRenderer.RenderHead(lambda), "", kind, sourceText, sourceFile, sourceLine));
        }
        return DeepStack.Run(nodes, () => CompileOnThisStack(lambda, kind, sourceText, sourceFile, sourceLine, options, captured));
    }

    /// <summary>
    /// The most expression nodes a lambda may have. The kernel loads at most one million instructions, and
    /// a tree this size would not fit; the stack a compile of it reserves stays within what a thread can have.
    /// </summary>
    public const int MaxNodes = 1_000_000;

    // The back end knows functions, not lambdas: its user errors (a frame too large) get the lambda here.
    private static MachineCode GenerateFor(LambdaExpression lambda, ProgramKind kind, string sourceText, string? sourceFile, int sourceLine, Function function, BackendOptions backend)
    {
        try
        {
            return CodeGenerator.Generate(function, backend);
        }
        catch (BpfCompileException e) when (e.Lambda is null)
        {
            throw new BpfCompileException(e.Code, e.Summary, new DiagnosticLocation(
                e.ExpressionText ?? CSharpRenderer.RenderHead(lambda), e.ExpressionPath, kind, sourceText, sourceFile, sourceLine), e.InnerException);
        }
    }

    private static CompiledProgram CompileOnThisStack(LambdaExpression lambda, ProgramKind kind, string sourceText, string? sourceFile, int sourceLine, CompileOptions options,
        CapturedValues? captured)
    {
        var hooks = StepHooks.Of(options);
        var module = IrLowering.LowerModule(lambda, kind, new LoweringOptions
        {
            Name = options.Name,
            SourceText = sourceText,
            SourceFile = sourceFile,
            SourceLine = sourceLine,
            VerifyIr = options.VerifyIrAfterEachPass,
            Captured = captured,
        }, hooks);
        var program = new DiagnosticLocation(null, null, kind, sourceText, sourceFile, sourceLine);
        var backend = new BackendOptions { CheckAllocation = options.CheckAllocation, Hooks = hooks, Program = program };
        var codes = new List<MachineCode>();
        foreach (var function in module.Functions)
        {
            CompileOrder.Passes.Run(function, new PassContext(kind)
            {
                VerifyIrAfterEachPass = options.VerifyIrAfterEachPass,
                LinearPackets = options.LinearPackets,
                DumpAfter = hooks.DumpAfter,
                Trace = options.Trace,
                Observer = options.Observer,
            });
            // Printing the IR waits until asked for: it renders every instruction's C# source, which a
            // compile otherwise never needs.
            StepRunner.RunAll(CompileOrder.Handover, function, function.Name, hooks);
            codes.Add(GenerateFor(lambda, kind, sourceText, sourceFile, sourceLine, function, backend));
        }
        var linked = new LinkState(module, codes, program);
        StepRunner.RunAll(CompileOrder.Linking, linked, options.Name, hooks);
        var symbols = new ProgramSymbols(
            [.. module.Maps], ProgramSymbols.KfuncsOf(module.Kfuncs, linked.Relocations), linked.Functions,
            [.. linked.Relocations], linked.HasLoops, linked.Btf, [.. linked.FuncInfo], [.. linked.LineInfo]);
        return new CompiledProgram(options.Name, kind, sourceText, lambda.ReturnType == typeof(Verdict), linked.Instructions, linked.Sources,
            () => string.Join("\n", module.Functions.Select(IrPrinter.Print)), codes.Max(c => c.StackSize), symbols,
            () => [.. module.Functions.Select(ControlFlowGraphs.Build)]);
    }
}
