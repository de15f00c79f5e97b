using BenchmarkDotNet.Running;
using BpfLinq.Bench;
using BpfLinq.Bench.Report;

// `dotnet run -c Release --project bench/BpfLinq.Bench -- report`: the code-quality report against clang-19 (needs root).
// `... -- listing [name...]`: IR and both instruction listings per lambda.
// `... -- golden-totals [cases-folder]`: instruction slots of every golden program, and their sum.
// `... -- phases`: compile time per phase, a quick look.
// `... -- baseline <folder> [BenchmarkDotNet arguments]`: compile latency against a prebuilt earlier build, one run (see BaselineComparison).
// `dotnet run -c Release --project bench/BpfLinq.Bench`: BenchmarkDotNet compile-latency benchmarks (any arguments it takes).
switch (args.FirstOrDefault())
{
    case "report":
        return QualityReport.Run(Console.Out);
    case "listing":
        return Listing.Run(Console.Out, args[1..]);
    case "golden-totals":
        return GoldenTotals.Run(Console.Out, args.Length > 1 ? args[1] : null);
    case "baseline":
        return BaselineComparison.Run(args[1], args[2..]);
    case "phases":
        PhaseTiming.Run(Console.Out);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
}
