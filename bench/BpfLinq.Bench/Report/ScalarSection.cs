using BpfLinq.Runtime;

namespace BpfLinq.Bench.Report;

/// <summary>
/// The scalar rows: each typical lambda (context fields only, <see cref="TypicalLambdas"/>) and its
/// C twin, run on every shared input (<see cref="SharedInputs"/>), timed on the last one.
/// </summary>
internal static class ScalarSection
{
    /// <summary>Builds, checks and times every typical lambda.</summary>
    public static SectionResult Run()
    {
        var rows = new List<ReportRow>();
        var notes = new List<string>();
        var mismatches = new List<string>();
        foreach (var c in TypicalLambdas.All)
        {
            var theirs = ClangPeer.CompileTwin(c.Name, c.Kind);
            using var clang = KernelRuns.Load(c.Kind, theirs, "clang");
            using var ours = OurBuild.Of(() => c.Filter.Compile(c.Kind), c.Kind);
            foreach (var (frame, ctx) in SharedInputs.All)
            {
                var input = new TestRunOptions { DataIn = frame, CtxIn = ctx };
                var b = KernelRuns.Run(clang, input);
                if (ours.Program is { } program && KernelRuns.Run(program, input) is var a && a != b)
                {
                    mismatches.Add($"{c.Name}: BpfLinq returned 0x{a:x}, clang 0x{b:x} on a {frame.Length}-byte frame");
                }
            }
            var (last, lastCtx) = SharedInputs.All[^1];
            var (ourNs, clangNs) = KernelRuns.Time(ours.Program, clang, new TestRunOptions { DataIn = last, CtxIn = lastCtx });
            rows.Add(new ReportRow(c.Name, c.Kind,
                ours.Program is null ? null : new Figures(ours.Instructions, ours.Program.GetInfo().VerifiedInsns, ourNs!.Value),
                ours.Missing,
                new Figures(theirs.Length, clang.GetInfo().VerifiedInsns, clangNs),
                []));
            if (ours.Detail is not null)
            {
                notes.Add($"{c.Name}: {ours.Detail}");
            }
        }
        return new SectionResult(rows, notes, mismatches);
    }
}
