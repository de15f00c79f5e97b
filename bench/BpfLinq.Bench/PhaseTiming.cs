using System.Diagnostics;
using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Passes;

namespace BpfLinq.Bench;

/// <summary>
/// Where compile time goes, phase by phase, for each typical lambda (warm, mean of many runs):
/// <c>dotnet run -c Release --project bench/BpfLinq.Bench -- phases</c>. A quick look between
/// BenchmarkDotNet runs, which only time the whole compiler.
/// </summary>
internal static class PhaseTiming
{
    private const int Runs = 20_000;

    public static void Run(TextWriter output)
    {
        foreach (var c in TypicalLambdas.All)
        {
            var ticks = new long[4];
            for (var round = 0; round < 2; round++)
            {
                Array.Clear(ticks);
                for (var i = 0; i < Runs; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var f = IrLowering.Lower(c.Filter.Lambda, c.Kind, new LoweringOptions { SourceText = c.Filter.SourceText, VerifyIr = false });
                    var t1 = Stopwatch.GetTimestamp();
                    Pipeline.Default.Run(f, new PassContext(c.Kind));
                    var t2 = Stopwatch.GetTimestamp();
                    f.Renumber();
                    var t3 = Stopwatch.GetTimestamp();
                    _ = CodeGenerator.Generate(f, new BackendOptions());
                    var t4 = Stopwatch.GetTimestamp();
                    ticks[0] += t1 - t0;
                    ticks[1] += t2 - t1;
                    ticks[2] += t3 - t2;
                    ticks[3] += t4 - t3;
                }
            }
            output.WriteLine($"{c.Name,-14} front end {Us(ticks[0]),6:F1}  passes {Us(ticks[1]),6:F1}  renumber {Us(ticks[2]),6:F1}  back end {Us(ticks[3]),6:F1} µs");
        }
    }

    private static double Us(long ticks) => (double)ticks / Stopwatch.Frequency * 1e6 / Runs;
}
