using System.Diagnostics;
using System.Globalization;
using System.Text;
using BpfLinq.Bench.Docs;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Testing;

namespace BpfLinq.Bench;

/// <summary>
/// How compile time and memory grow with the program: <c>dotnet run -c Release --project
/// bench/BpfLinq.Bench -- scaling [--docs]</c>. Each shape of <see cref="DeepChains"/> (what a rule
/// generator writes: long <c>&amp;&amp;</c>, <c>||</c>, <c>==</c>, <c>?:</c> and <c>+</c> chains nested either way, and a
/// firewall of port comparisons) is compiled warm at 100, 1,000 and 10,000 links; the table gives
/// the best time of a few compiles and the bytes one compile allocates (on every thread: a large
/// tree compiles on a thread of its own). Linear growth shows as ×10 per row; the goal is 10,000
/// links in at most 50 ms and 50 MB. <c>--docs</c> writes the table into docs/PERFORMANCE.md.
/// </summary>
internal static class Scaling
{
    private static readonly int[] s_sizes = [100, 1_000, 10_000];

    public static int Run(TextWriter output, bool writeDocs)
    {
        var table = new StringBuilder();
        table.AppendLine("| shape | " + string.Join(" | ", s_sizes.Select(n => $"{n:N0} links")) + " |");
        table.AppendLine("|---|" + string.Concat(s_sizes.Select(_ => "---:|")));
        foreach (var (op, left) in DeepChains.Shapes)
        {
            // Once a size fails with a compile error, the larger ones would too (after minutes: the
            // register allocator's interference graph is quadratic in the values alive at once).
            var cells = new List<string>();
            foreach (var n in s_sizes)
            {
                cells.Add(cells.Count > 0 && cells[^1].StartsWith("BPF", StringComparison.Ordinal) ? cells[^1] : Measure(op, left, n));
            }
            var row = $"| {DeepChains.Name(op, left)} | {string.Join(" | ", cells)} |";
            table.AppendLine(row);
            output.WriteLine(row);
        }
        if (writeDocs)
        {
            DocBlock.Write("PERFORMANCE.md", "scaling", table.ToString());
        }
        return 0;
    }

    // "12.3 ms, 4.5 MB": the best of a few warm compiles, and what one allocates; or the error code.
    private static string Measure(DeepChains.Op op, bool left, int links)
    {
        var lambda = DeepChains.Build(op, left, links);
        try
        {
            Compile(lambda); // warm: the JIT and the caches
        }
        catch (BpfCompileException e)
        {
            return e.Code;
        }
        var best = TimeSpan.MaxValue;
        long bytes = 0;
        for (var run = 0; run < (links >= 10_000 ? 3 : 10); run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            Compile(lambda);
            var elapsed = Stopwatch.GetElapsedTime(start);
            bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
            best = elapsed < best ? elapsed : best;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{best.TotalMilliseconds:F1} ms, {bytes / 1e6:F1} MB");
    }

    private static void Compile(System.Linq.Expressions.LambdaExpression lambda) =>
        BpfCompiler.Compile(lambda, ProgramKind.Tc, "generated", null, 0, CompileOptions.Default);
}
