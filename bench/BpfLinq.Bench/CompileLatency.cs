using BenchmarkDotNet.Attributes;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Bench;

/// <summary>
/// How long compiling a typical lambda takes, warm (BenchmarkDotNet reports the median), two ways.
/// <see cref="Compile"/>: the compiler's internal entry point on one tree object, no source file —
/// the whole compiler (front end, passes, back end), bypassing the per-filter cache.
/// <see cref="CompileFresh"/>: the public path as users meet it, <c>Bpf.Filter(...).Compile(kind)</c> on
/// the lambda's line run again (a new tree, a new filter, the caller's file and line).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CompileLatency
{
    private TypicalLambdas.Case _case = null!;

    /// <summary>The program to compile.</summary>
    [ParamsSource(nameof(Names))]
    public string Program { get; set; } = "";

    /// <summary>The typical lambdas' names.</summary>
    public static IEnumerable<string> Names => TypicalLambdas.All.Select(c => c.Name);

    /// <summary>Finds the case.</summary>
    [GlobalSetup]
    public void Setup() => _case = TypicalLambdas.All.Single(c => c.Name == Program);

    /// <summary>Compiles the lambda once, through the internal entry point.</summary>
    [Benchmark]
    public int Compile() =>
        BpfCompiler.Compile(_case.Filter.Lambda, _case.Kind, _case.Filter.SourceText, null, 0, CompileOptions.Default).Instructions.Length;

    /// <summary>Writes the lambda again and compiles it through the public path.</summary>
    [Benchmark]
    public int CompileFresh() => _case.New().Compile(_case.Kind).Instructions.Length;
}
