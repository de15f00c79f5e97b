using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>The passes tests can name: every pass of <see cref="CompileOrder.Passes"/> by its step name, and "pipeline" for all of it.</summary>
internal static class PassCatalog
{
    /// <summary>The name that stands for the whole pipeline and the handover steps after it (what the compiler does to a function's IR).</summary>
    public const string WholePipeline = "pipeline";

    /// <summary>Every pass of <see cref="CompileOrder.Passes"/> that is not a loop, once per name.</summary>
    public static IReadOnlyList<IPass> Passes { get; } =
        CompileOrder.Passes.Flatten().Where(p => p is not FixedPointLoop).DistinctBy(p => p.Name).ToList();

    /// <summary>The pass named <paramref name="name"/>.</summary>
    public static IPass Find(string name) =>
        Passes.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"no pass named '{name}'; known: {string.Join(", ", Passes.Select(p => p.Name))}");

    /// <summary>
    /// True when the named pass (or the pipeline, which contains it) may change bits above 31 of
    /// a program's result, which the kernel never reads (<see cref="ReturnNarrowing"/>): behaviour
    /// is then compared with <see cref="IrBehaviour.AsProgram"/>.
    /// </summary>
    public static bool MayChangeHighResultBits(string name) => name == WholePipeline || Find(name) is ReturnNarrowing;

    /// <summary>
    /// Runs the named pass (or the whole pipeline) with verification on, returning the context.
    /// Dumps go to <paramref name="trace"/> after the passes named in <c>BPFLINQ_DUMP</c> (<c>*</c> for all).
    /// The function is compiled as a program of <paramref name="kind"/> (a socket filter unless named).
    /// </summary>
    public static PassContext Run(string name, Function f, Action<string>? trace = null, bool traceRewrites = false, ProgramKind kind = ProgramKind.SocketFilter)
    {
        var context = new PassContext(kind)
        {
            VerifyIrAfterEachPass = true,
            Trace = trace,
            TraceRewrites = traceRewrites,
            DumpAfter = PassContext.ParseDumpAfter(Environment.GetEnvironmentVariable("BPFLINQ_DUMP")),
        };
        if (name == WholePipeline)
        {
            CompileOrder.Passes.Run(f, context);
            StepRunner.RunAll(CompileOrder.Handover, f, f.Name, context);
        }
        else
        {
            Pipeline.RunPass(Find(name), f, context);
        }
        return context;
    }
}
