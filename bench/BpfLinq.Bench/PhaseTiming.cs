using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Testing;

namespace BpfLinq.Bench;

/// <summary>
/// Where compile time goes, step by step, for each typical lambda (warm, mean of many runs):
/// <c>dotnet run -c Release --project bench/BpfLinq.Bench -- phases</c>. The compiler reports each
/// step of <see cref="CompileOrder"/> to an observer, so the steps here are the compiler's own, in
/// its order. A loop's time includes its passes'; a per-function step's, every function's. A quick
/// look between BenchmarkDotNet runs, which only time the whole compiler.
/// </summary>
internal static class PhaseTiming
{
    private const int Runs = 5_000;

    public static void Run(TextWriter output, string[] args)
    {
        // `phases and-left 10000`: one generated chain instead of the typical lambdas.
        if (args.Length == 2 && int.TryParse(args[1], out _))
        {
            var (op, left) = DeepChains.Parse(args[0]);
            var lambda = DeepChains.Build(op, left, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
            Time(output, $"{args[0]} × {args[1]}", o => BpfCompiler.Compile(lambda, ProgramKind.Tc, "generated", null, 0, o), runs: 3);
            return;
        }
        // `phases tcp_web dns`: those typical lambdas or packet filters, by name.
        foreach (var c in PublicLatency.Cases.Where(c => args.Length == 0 ? TypicalLambdas.All.Any(t => t.Name == c.Name) : args.Contains(c.Name)))
        {
            Time(output, c.Name, o => c.Internal(o), Runs);
        }
    }

    private static void Time(TextWriter output, string name, Action<CompileOptions> compile, int runs)
    {
        var timings = new StepTimings();
        var options = CompileOptions.Default with { Observer = timings };
        long bytes = 0;
        for (var round = 0; round < 2; round++)
        {
            timings.Clear(); // the first round warms up
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < runs; i++)
            {
                compile(options);
            }
            bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        output.WriteLine($"{name}: {bytes / runs / 1e6:F2} MB a compile");
        foreach (var (step, elapsed, stepBytes) in timings.InOrder())
        {
            output.WriteLine($"  {step,-24} {elapsed.TotalMicroseconds / runs,12:F2} µs {stepBytes / runs / 1e3,12:F1} KB");
        }
    }

    // Total time per step name, in the order steps first ran.
    private sealed class StepTimings : ICompileObserver
    {
        private readonly Dictionary<string, TimeSpan> _totals = [];
        private readonly Dictionary<string, long> _bytes = [];
        private readonly Dictionary<string, long> _startBytes = [];
        private readonly List<string> _order = [];

        // Steps nest (a loop's passes run inside it) and run on the compiling thread, so the bytes a
        // step allocates are the thread's count at its end minus at its start.
        public void Starting(string step)
        {
            if (_totals.TryAdd(step, TimeSpan.Zero))
            {
                _bytes[step] = 0;
                _order.Add(step);
            }
            _startBytes[step] = GC.GetAllocatedBytesForCurrentThread();
        }

        public void Finished(string step, TimeSpan elapsed)
        {
            _totals[step] += elapsed;
            _bytes[step] += GC.GetAllocatedBytesForCurrentThread() - _startBytes[step];
        }

        public void Clear()
        {
            _totals.Clear();
            _bytes.Clear();
            _order.Clear();
        }

        public IEnumerable<(string Step, TimeSpan Elapsed, long Bytes)> InOrder() => _order.Select(s => (s, _totals[s], _bytes[s]));
    }
}
