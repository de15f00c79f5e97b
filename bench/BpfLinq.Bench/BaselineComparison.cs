using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
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
/// dotnet run -c Release --project bench/BpfLinq.Bench -- baseline /tmp/bpflinq-baseline/src/BpfLinq.Runtime/bin/Release/net10.0
/// </code>
/// The Ratio and Alloc Ratio columns compare with the baseline job; Min is the least disturbed time.
/// </summary>
internal static class BaselineComparison
{
    public static int Run(string baselineFolder, string[] benchmarkArgs)
    {
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
        BenchmarkRunner.Run<CompileLatency>(config, benchmarkArgs);
        return 0;
    }
}
