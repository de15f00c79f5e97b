using System.Diagnostics;
using System.Globalization;
using BpfLinq;
using BpfLinq.Maps;
using BpfLinq.Runtime;
using NativeAot;
using static BpfLinq.Verdict;

// A BpfLinq filter compiled, loaded and run from a NativeAOT binary (no JIT anywhere), printing what a
// service feels at start: how long the first program takes and how the first 100 compiles go. Each
// "name: value" line is read by the bench's `coldstart` command. Loading needs root (CAP_BPF).
var main = Stopwatch.StartNew();
var first = Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop).Compile(ProgramKind.SocketFilter);
Report("first-program-ms", main.Elapsed.TotalMilliseconds);

// The next 100 compiles: new trees of three typical lambdas, one after another, as a service writes them.
var times = new double[100];
for (var i = 0; i < times.Length; i++)
{
    var start = Stopwatch.GetTimestamp();
    _ = (i % 3) switch
    {
        0 => Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop).Compile(ProgramKind.SocketFilter),
        1 => Bpf.Filter<SkBuff>(skb => skb.Mark >= 1024 && skb.Mark <= 49151 && skb.Priority != 7 ? Pass : Drop).Compile(ProgramKind.Tc),
        _ => WebCounter.Build(new HashMap<FlowKey, ulong>(16)).Compile(ProgramKind.Tc),
    };
    times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}
Report("first-100-total-ms", times.Sum() / 1000);
Report("first-100-median-us", Median(times));
Report("first-100-last-10-median-us", Median(times[^10..]));
Console.WriteLine($"the first program: {first.Instructions.Length} instructions");

// Compile, load and run (BPF_PROG_TEST_RUN) a tc filter that counts TCP packets to port 80 per
// source address in a map with a struct key, and check the kernel against the managed model.
var counts = new HashMap<FlowKey, ulong>(16, "aot_counts");
var filter = WebCounter.Build(counts);
using var maps = new BpfMaps();
using var program = filter.Compile(ProgramKind.Tc).Load(maps);
var failures = 0;
foreach (var (name, frame) in WebCounter.Frames)
{
    var kernel = program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue;
    var managed = filter.EvaluateTestRun(frame, kind: ProgramKind.Tc);
    Console.WriteLine($"{name,-28} kernel {kernel}, managed model {managed}");
    failures += kernel == managed ? 0 : 1;
}
var fromKernel = maps.Get(counts)[new FlowKey { Source = WebCounter.Client }];
Console.WriteLine($"packets counted for 10.0.0.1 in the kernel's map: {fromKernel} (managed model: {counts.GetValueOrDefault(new FlowKey { Source = WebCounter.Client })})");
failures += fromKernel == counts.GetValueOrDefault(new FlowKey { Source = WebCounter.Client }) ? 0 : 1;
Report("total-ms", main.Elapsed.TotalMilliseconds);
Console.WriteLine(failures == 0 ? "ok: the kernel agrees with the managed model" : $"FAILED: {failures} disagreement(s)");
return failures == 0 ? 0 : 1;

static void Report(string name, double value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:F1}"));

static double Median(double[] xs)
{
    var sorted = xs.Order().ToArray();
    return sorted[sorted.Length / 2];
}
