using BenchmarkDotNet.Running;
using BpfLinq.Bench;
using BpfLinq.Bench.Report;

// `dotnet run -c Release --project bench/BpfLinq.Bench -- report [--docs]`: the code-quality report against clang-19 (needs root);
//     --docs also writes it into docs/PERFORMANCE.md.
// `... -- listing [name...]`: IR and both instruction listings per lambda.
// `... -- golden-totals [--docs | cases-folder]`: instruction slots of every golden program, and their sum;
//     --docs also writes the per-folder table into docs/TESTING.md.
// `... -- phases [shape links]`: compile time per step of the compile order, a quick look (typical lambdas, or one generated chain).
// `... -- scaling [--docs]`: compile time and memory of generated chains at 100/1,000/10,000 links;
//     --docs also writes the table into docs/PERFORMANCE.md.
// `... -- latency [--docs] [name...]`: compile latency on the public path (a fresh tree each time) beside the internal entry point;
//     --docs also writes the table into docs/PERFORMANCE.md.
// `... -- coldstart [--docs]`: time to the first program and the first 100 compiles in fresh processes, JIT, ReadyToRun and NativeAOT (root);
//     --docs also writes the table into docs/PERFORMANCE.md.
// `... -- compile-order`: prints the compiler's steps in order and writes docs/compile-order.md.
// `... -- baseline <folder> [BenchmarkDotNet arguments]`: compile latency against a prebuilt earlier build, one run (see BaselineComparison).
// `dotnet run -c Release --project bench/BpfLinq.Bench`: BenchmarkDotNet compile-latency benchmarks (any arguments it takes).
switch (args.FirstOrDefault())
{
    case "report":
        return QualityReport.Run(Console.Out, writeDocs: args.Contains("--docs"));
    case "listing":
        return Listing.Run(Console.Out, args[1..]);
    case "golden-totals":
        return args.Contains("--docs")
            ? GoldenTotals.Run(Console.Out, null, writeDocs: true)
            : GoldenTotals.Run(Console.Out, args.Length > 1 ? args[1] : null);
    case "compile-order":
        return CompileOrderCommand.Run(Console.Out);
    case "baseline":
        return BaselineComparison.Run(args[1], args[2..]);
    case "scaling":
        return Scaling.Run(Console.Out, writeDocs: args.Contains("--docs"));
    case "latency":
        return PublicLatency.Run(Console.Out, args.Contains("--docs"), [.. args[1..].Where(a => a != "--docs")]);
    case "coldstart":
        return ColdStart.Run(Console.Out, args.Contains("--docs"));
    case "phases":
        PhaseTiming.Run(Console.Out, args[1..]);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
}
