using System.Globalization;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Programs;

namespace BpfLinq.Bench.Report;

/// <summary>
/// The code-quality report: each typical lambda built by BpfLinq and its C twin built by clang-19,
/// both loaded into the kernel, checked to return the same value on every shared input, then
/// measured side by side — instructions, the verifier's processed instructions, and kernel ns per
/// packet from BPF_PROG_TEST_RUN (repeat 100,000, the two alternated, median of 5 rounds).
/// A verdict mismatch fails the report; timings never do.
/// </summary>
internal static class QualityReport
{
    private const int Repeat = 100_000;
    private const int Rounds = 5;

    /// <summary>Runs the report, prints a Markdown table; returns the process exit code.</summary>
    public static int Run(TextWriter output)
    {
        var rows = new List<string>();
        var mismatches = new List<string>();
        foreach (var c in TypicalLambdas.All)
        {
            var ours = c.Filter.Compile(c.Kind).Instructions.ToArray();
            var cFile = Path.Combine(AppContext.BaseDirectory, "clang", c.Name + ".c");
            var theirs = ClangPeer.Compile(cFile, c.Kind == ProgramKind.Tc ? "tc" : "socket");
            using var ourProgram = Load(c.Kind, ours, "bpflinq");
            using var clangProgram = Load(c.Kind, theirs, "clang");
            foreach (var (frame, ctx) in SharedInputs.All)
            {
                var a = Run(ourProgram, frame, ctx, 1).ReturnValue;
                var b = Run(clangProgram, frame, ctx, 1).ReturnValue;
                if (a != b)
                {
                    mismatches.Add($"{c.Name}: BpfLinq returned 0x{a:x}, clang 0x{b:x} on a {frame.Length}-byte frame");
                }
            }
            var (ourNs, clangNs) = Time(ourProgram, clangProgram);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {c.Kind} | {ours.Length} | {theirs.Length} | {ourProgram.GetInfo().VerifiedInsns} | {clangProgram.GetInfo().VerifiedInsns} | {ourNs:0.0} | {clangNs:0.0} |"));
        }
        output.WriteLine($"BpfLinq against `{ClangPeer.Command}` (Linux {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}); ns/packet: BPF_PROG_TEST_RUN, repeat {Repeat:N0}, median of {Rounds} alternated rounds.");
        output.WriteLine();
        output.WriteLine("| program | kind | insns BpfLinq | insns clang | verified BpfLinq | verified clang | ns/pkt BpfLinq | ns/pkt clang |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(output.WriteLine);
        foreach (var m in mismatches)
        {
            output.WriteLine("VERDICT MISMATCH: " + m);
        }
        return mismatches.Count == 0 ? 0 : 1;
    }

    private static BpfProgram Load(ProgramKind kind, Insn[] instructions, string name) =>
        BpfProgram.Load(new ProgramLoadOptions
        {
            Type = kind.ProgramType(),
            ExpectedAttachType = kind.ExpectedAttachType(),
            Instructions = instructions,
            Name = name,
        });

    private static TestRunResult Run(BpfProgram program, byte[] frame, byte[] ctx, uint repeat) =>
        program.TestRun(new TestRunOptions { DataIn = frame, CtxIn = ctx, Repeat = repeat });

    private static (double Ours, double Clang) Time(BpfProgram ours, BpfProgram clang)
    {
        var (frame, ctx) = SharedInputs.All[^1];
        var a = new List<double>();
        var b = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            a.Add(Run(ours, frame, ctx, Repeat).DurationNanoseconds);
            b.Add(Run(clang, frame, ctx, Repeat).DurationNanoseconds);
        }
        return (Median(a), Median(b));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
