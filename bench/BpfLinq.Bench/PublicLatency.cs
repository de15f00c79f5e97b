using System.Diagnostics;
using System.Globalization;
using System.Text;
using BpfLinq.Bench.Docs;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Bench;

/// <summary>
/// Compile latency as users meet it: <c>dotnet run -c Release --project bench/BpfLinq.Bench -- latency
/// [--docs] [name...]</c>. Every typical lambda and packet filter is compiled through the public path —
/// <c>Bpf.Filter(...).Compile(kind)</c> on a new tree each time, with its file and line — beside the
/// internal entry point the BenchmarkDotNet benchmark also times (<see cref="LatencyCase"/>). Warm
/// means the JIT is done: every case is compiled round-robin for <see cref="s_warmUp"/> first (tiered
/// compilation takes tens of thousands of compiles, some seconds, to reach its final code; before
/// that a compile runs two to five times slower, which is what the cold-start command measures).
/// Then the two paths are timed alternately, compile by compile, in the thread's CPU time (the
/// machine is shared: time the thread waited for a core is not the compiler's); the table gives
/// the median and the bytes one compile allocates. <c>--docs</c> writes it into docs/PERFORMANCE.md.
/// </summary>
internal static class PublicLatency
{
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(15);
    private const int Timed = 1_000;

    /// <summary>Every case the command times: the typical lambdas, then the packet filters.</summary>
    public static IEnumerable<LatencyCase> Cases =>
        TypicalLambdas.All.Select(c => LatencyCase.Of(c.Name, c.Kind, c.Filter, c.New))
            .Concat(PacketFilters.All.Select(c => c.Latency));

    public static int Run(TextWriter output, bool writeDocs, string[] names)
    {
        var table = new StringBuilder("| lambda | kind | internal entry, same tree (µs) | public path, fresh tree (µs) | public path (KB) |\n|---|---|---:|---:|---:|\n");
        var cases = Cases.Where(c => names.Length == 0 || names.Contains(c.Name)).ToList();
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < s_warmUp)
        {
            foreach (var c in cases)
            {
                c.Internal(CompileOptions.Default);
                c.Public();
            }
        }
        foreach (var c in cases)
        {
            var (internalTimes, publicTimes) = (new double[Timed], new double[Timed]);
            long bytes = 0;
            for (var i = 0; i < Timed; i++)
            {
                internalTimes[i] = Time(() => c.Internal(CompileOptions.Default));
                var before = GC.GetAllocatedBytesForCurrentThread();
                publicTimes[i] = Time(c.Public);
                bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {c.Kind} | {Median(internalTimes):F0} | {Median(publicTimes):F0} | {bytes / Timed / 1024.0:F0} |");
            table.AppendLine(row);
            output.WriteLine(row);
        }
        if (writeDocs)
        {
            DocBlock.Write("PERFORMANCE.md", "latency", table.ToString());
        }
        return 0;
    }

    // One compile, in µs of this thread's CPU time.
    private static double Time(Func<CompiledProgram> compile)
    {
        var start = ThreadCpuTime.Now();
        compile();
        return (ThreadCpuTime.Now() - start).TotalMicroseconds;
    }

    private static double Median(double[] xs)
    {
        Array.Sort(xs);
        return xs[xs.Length / 2];
    }
}
