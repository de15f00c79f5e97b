using BenchmarkDotNet.Running;
using BpfLinq.Bench;
using BpfLinq.Bench.Report;

// `dotnet run -c Release --project bench/BpfLinq.Bench -- report`: the code-quality report against clang-19 (needs root).
// `... -- phases`: compile time per phase, a quick look.
// `dotnet run -c Release --project bench/BpfLinq.Bench`: BenchmarkDotNet compile-latency benchmarks (any arguments it takes).
if (args.Length > 0 && args[0] == "report")
{
    return QualityReport.Run(Console.Out);
}
if (args.Length > 0 && args[0] == "phases")
{
    PhaseTiming.Run(Console.Out);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
