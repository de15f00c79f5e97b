using BenchmarkDotNet.Running;
using BpfLinq.Bench.Report;

// `dotnet run -c Release --project bench/BpfLinq.Bench -- report`: the code-quality report against clang-19 (needs root).
// `dotnet run -c Release --project bench/BpfLinq.Bench -- listing [name...]`: IR and both instruction listings per lambda.
// `dotnet run -c Release --project bench/BpfLinq.Bench -- golden-totals [cases-folder]`: instruction slots of every golden program, and their sum.
// `dotnet run -c Release --project bench/BpfLinq.Bench`: BenchmarkDotNet compile-latency benchmarks (any arguments it takes).
if (args.Length > 0 && args[0] == "report")
{
    return QualityReport.Run(Console.Out);
}
if (args.Length > 0 && args[0] == "listing")
{
    return Listing.Run(Console.Out, args[1..]);
}
if (args.Length > 0 && args[0] == "golden-totals")
{
    return GoldenTotals.Run(Console.Out, args.Length > 1 ? args[1] : null);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
