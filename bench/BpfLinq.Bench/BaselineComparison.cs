using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BpfLinq.Bench;

/// <summary>
/// Compile latency of this build against an earlier one, side by side in one BenchmarkDotNet run:
/// two jobs that differ only in the MSBuild property <c>BpfLinqBaseline</c>, which makes the bench
/// reference a prebuilt BpfLinq.Compiler.dll and BpfLinq.Runtime.dll from that folder instead of the
/// projects (see the csproj). <see cref="CompileLatency"/> only uses API both builds have.
/// <code>
/// git worktree add --detach /tmp/bpflinq-baseline i11-baseline
/// dotnet build -c Release /tmp/bpflinq-baseline/src/BpfLinq.Runtime
/// dotnet run -c Release --project bench/BpfLinq.Bench -- baseline /tmp/bpflinq-baseline/src/BpfLinq.Runtime/bin/Release/net10.0 [--docs]
/// </code>
/// The Ratio and Alloc Ratio columns compare with the baseline job; Min is the least disturbed time.
/// </summary>
internal static class BaselineComparison
{
    /// <summary>Runs both jobs; with <c>--docs</c> among the arguments, writes the ratios into docs/cfg.md.</summary>
    public static int Run(string baselineFolder, string[] benchmarkArgs)
    {
        var writeDocs = benchmarkArgs.Contains("--docs");
        benchmarkArgs = [.. benchmarkArgs.Where(a => a != "--docs")];
        var folder = Path.GetFullPath(baselineFolder);
        if (!File.Exists(Path.Combine(folder, "BpfLinq.Compiler.dll")))
        {
            Console.Error.WriteLine($"no BpfLinq.Compiler.dll in {folder}: build the baseline first (see BaselineComparison.cs)");
            return 2;
        }
        // Fixed counts keep the run to minutes; the two jobs of a case run one after the other, so a
        // busy machine slows both alike.
        var job = Job.Default.WithWarmupCount(5).WithIterationCount(20);
        var config = DefaultConfig.Instance
            .AddJob(job.WithArguments([new MsBuildArgument($"/p:BpfLinqBaseline={folder}")]).WithId("baseline").AsBaseline())
            .AddJob(job.WithId("this-build"))
            // The fastest iteration is the least disturbed by other work on a shared machine.
            .AddColumn(StatisticColumn.Min);
        var summary = BenchmarkRunner.Run<CompileLatency>(config, benchmarkArgs);
        if (writeDocs)
        {
            Docs.DocBlock.Write("cfg.md", "baseline-latency", RatioTable(summary));
        }
        return 0;
    }

    // One row per lambda: the fastest iteration and the allocation of each build, and their ratios;
    // the last row the geometric means of the ratios.
    private static string RatioTable(Summary summary)
    {
        var table = new StringBuilder("| lambda | fastest iteration, baseline → this build (µs) | ratio | allocated (KB) | alloc ratio |\n|---|---|---:|---|---:|\n");
        var (timeRatios, allocRatios) = (new List<double>(), new List<double>());
        // The internal entry point's rows: the one both builds are timed through the same way.
        var reports = summary.Reports.Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(CompileLatency.Compile));
        foreach (var group in reports.GroupBy(r => r.BenchmarkCase.Parameters["Program"]?.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var baseline = group.FirstOrDefault(r => r.BenchmarkCase.Job.Meta.Baseline);
            var current = group.FirstOrDefault(r => !r.BenchmarkCase.Job.Meta.Baseline);
            if (baseline?.ResultStatistics is not { } b || current?.ResultStatistics is not { } c)
            {
                table.Append(CultureInfo.InvariantCulture, $"| {group.Key} | a job failed | | | |\n");
                continue;
            }
            var (bAlloc, cAlloc) = (baseline.GcStats.GetBytesAllocatedPerOperation(baseline.BenchmarkCase) ?? 0, current.GcStats.GetBytesAllocatedPerOperation(current.BenchmarkCase) ?? 0);
            var (time, alloc) = (c.Min / b.Min, bAlloc == 0 ? 1 : (double)cAlloc / bAlloc);
            timeRatios.Add(time);
            allocRatios.Add(alloc);
            table.Append(CultureInfo.InvariantCulture, $"| {group.Key} | {b.Min / 1000:F1} → {c.Min / 1000:F1} | {time:F2} | {bAlloc / 1024.0:F1} → {cAlloc / 1024.0:F1} | {alloc:F2} |\n");
        }
        static double GeoMean(List<double> xs) => xs.Count == 0 ? double.NaN : Math.Exp(xs.Average(Math.Log));
        table.Append(CultureInfo.InvariantCulture, $"| **geometric mean** | | **{GeoMean(timeRatios):F2}** | | **{GeoMean(allocRatios):F2}** |\n");
        return table.ToString();
    }
}
