using BenchmarkDotNet.Running;
using BpfLinq.Bench.Report;

// `dotnet run -c Release --project bench/BpfLinq.Bench -- report`: the code-quality report against clang-19 (needs root).
// `dotnet run -c Release --project bench/BpfLinq.Bench`: BenchmarkDotNet compile-latency benchmarks (any arguments it takes).
if (args.Length > 0 && args[0] == "report")
{
    return QualityReport.Run(Console.Out);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
