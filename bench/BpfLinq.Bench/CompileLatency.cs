using BenchmarkDotNet.Attributes;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Bench;

/// <summary>
/// How long compiling a typical lambda takes, warm (BenchmarkDotNet reports the median). Each
/// iteration runs the whole compiler — front end, passes, back end — bypassing the per-filter cache.
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

    /// <summary>Compiles the lambda once.</summary>
    [Benchmark]
    public int Compile() =>
        BpfCompiler.Compile(_case.Filter.Lambda, _case.Kind, _case.Filter.SourceText, null, 0, CompileOptions.Default).Instructions.Length;
}
