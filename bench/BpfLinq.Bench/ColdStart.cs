using System.Diagnostics;
using System.Globalization;
using System.Text;
using BpfLinq.Bench.Docs;

namespace BpfLinq.Bench;

/// <summary>
/// What a service feels at start: <c>dotnet run -c Release --project bench/BpfLinq.Bench -- coldstart
/// [--docs]</c> (root: the example loads its program). Publishes examples/NativeAot three ways — JIT,
/// ReadyToRun, NativeAOT — and runs each <see cref="Runs"/> times in a fresh process: the time from
/// starting the process to its first compiled program, the first compile as timed inside Main, and the
/// next 100 compiles (three typical lambdas in turn, new trees each). The table gives medians over the
/// runs; <c>--docs</c> writes it into docs/PERFORMANCE.md.
/// </summary>
internal static class ColdStart
{
    private const int Runs = 5;

    private static readonly (string Name, string Properties)[] s_builds =
    [
        ("JIT", "-p:PublishAot=false"),
        ("ReadyToRun", "-p:PublishAot=false -p:PublishReadyToRun=true"),
        // One composite image of the app, BpfLinq and the framework: generic code over BpfLinq's types
        // that lives in the framework (List, Dictionary, LINQ) is precompiled too.
        ("ReadyToRun composite, self-contained", "-p:PublishAot=false -p:PublishReadyToRun=true -p:SelfContained=true -p:PublishReadyToRunComposite=true"),
        ("NativeAOT", "-p:PublishAot=true"),
    ];

    public static int Run(TextWriter output, bool writeDocs)
    {
        var root = DocBlock.RepositoryRoot();
        var table = new StringBuilder("| build | process start → first program (ms) | first compile, in Main (ms) | first 100 compiles (ms) | median of the first 100 (µs) | median of compiles 91–100 (µs) |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var (name, properties) in s_builds)
        {
            var folder = Path.Combine(Path.GetTempPath(), "bpflinq-coldstart", name.Replace(", ", "-", StringComparison.Ordinal).Replace(' ', '-'));
            // Each build from scratch: the intermediate ReadyToRun images of one would be reused by the next.
            var intermediate = Path.Combine(root, "examples", "NativeAot", "obj", "Release", "net10.0", "linux-x64");
            if (Directory.Exists(intermediate))
            {
                Directory.Delete(intermediate, recursive: true);
            }
            Shell("dotnet", $"publish {Path.Combine(root, "examples", "NativeAot")} -c Release -r linux-x64 {properties} -o {folder}");
            var runs = Enumerable.Range(0, Runs).Select(_ => RunOnce(Path.Combine(folder, "NativeAot"))).ToList();
            double Median(string key) => runs.Select(r => r[key]).Order().ElementAt(runs.Count / 2);
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median("start-to-first-program-ms"):F1} | {Median("first-program-ms"):F1} | {Median("first-100-total-ms"):F0} | {Median("first-100-median-us"):F0} | {Median("first-100-last-10-median-us"):F0} |");
            table.AppendLine(row);
            output.WriteLine(row);
        }
        if (writeDocs)
        {
            DocBlock.Write("PERFORMANCE.md", "coldstart", table.ToString());
        }
        return 0;
    }

    // One fresh process: its "name: value" lines, and the time from its start to the first program's line.
    private static Dictionary<string, double> RunOnce(string binary)
    {
        var values = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(binary) { RedirectStandardOutput = true })!;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Split(": ") is [var key, var value] && double.TryParse(value, CultureInfo.InvariantCulture, out var number))
            {
                if (key == "first-program-ms")
                {
                    values["start-to-first-program-ms"] = clock.Elapsed.TotalMilliseconds;
                }
                values[key] = number;
            }
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} exited with {process.ExitCode}");
        }
        return values;
    }

    private static void Shell(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true })!;
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {arguments} failed:\n{log}");
        }
    }
}
