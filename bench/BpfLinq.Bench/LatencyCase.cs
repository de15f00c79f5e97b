using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Bench;

/// <summary>
/// A lambda the latency command times two ways: <see cref="Internal"/>, the compiler's internal entry
/// point on one tree object with no source file (what BenchmarkDotNet's <c>Compile</c> and the phases
/// command time), and <see cref="Public"/>, <c>Bpf.Filter(...).Compile(kind)</c> on a new filter of a
/// new tree each time, with the caller's file and line, as users meet it.
/// </summary>
internal sealed record LatencyCase(string Name, ProgramKind Kind, Func<CompileOptions, CompiledProgram> Internal, Func<CompiledProgram> Public)
{
    /// <summary>The case of <paramref name="filter"/>, whose fresh twins <paramref name="fresh"/> makes.</summary>
    public static LatencyCase Of<TContext>(string name, ProgramKind kind, BpfFilter<TContext> filter, Func<BpfFilter<TContext>> fresh)
        where TContext : class =>
        new(name, kind,
            o => BpfCompiler.Compile(filter.Lambda, kind, filter.SourceText, null, 0, o),
            () => fresh().Compile(kind));
}
