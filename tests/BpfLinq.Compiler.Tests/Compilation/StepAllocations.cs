using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary>
/// The bytes the compiling thread allocates inside each step of the compile order, for one compile
/// of a generated chain (<see cref="DeepChains"/>). A step that contains others (the optimisation
/// loop) counts theirs too. Counted per thread, so tests running alongside do not disturb it.
/// </summary>
internal sealed class StepAllocations : ICompileObserver
{
    private readonly Dictionary<string, long> _started = [];

    private StepAllocations()
    {
    }

    /// <summary>Bytes per step name; <paramref name="warm"/> compiles once first (the JIT and caches).</summary>
    public static Dictionary<string, long> Of(string shape, int links, bool warm)
    {
        var (op, left) = DeepChains.Parse(shape);
        var lambda = DeepChains.Build(op, left, links);
        var meter = new StepAllocations();
        var options = CompileOptions.Default with { Observer = meter };
        if (warm)
        {
            BpfCompiler.Compile(lambda, ProgramKind.Tc, "generated", null, 0, options);
            meter.Bytes.Clear();
        }
        BpfCompiler.Compile(lambda, ProgramKind.Tc, "generated", null, 0, options);
        return meter.Bytes;
    }

    private Dictionary<string, long> Bytes { get; } = [];

    void ICompileObserver.Starting(string step) => _started[step] = GC.GetAllocatedBytesForCurrentThread();

    void ICompileObserver.Finished(string step, TimeSpan elapsed) =>
        Bytes[step] = Bytes.GetValueOrDefault(step) + GC.GetAllocatedBytesForCurrentThread() - _started[step];
}
