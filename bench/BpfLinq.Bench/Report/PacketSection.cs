using BpfLinq.Runtime;

namespace BpfLinq.Bench.Report;

/// <summary>
/// The packet rows: each filter of <see cref="PacketFilters"/> and its C twin run on every frame of
/// <see cref="PacketFrames"/> the kernel test-runs for that kind, and both must return what the
/// managed model (<see cref="BpfFilter{TContext}.EvaluateTestRun(ReadOnlySpan{byte}, TContext, ProgramKind?)"/>) says — so the C twin is checked
/// even while BpfLinq cannot build the lambda. Frames the kernel refuses for a kind (tc and socket
/// filters: an IPv4/IPv6 EtherType with less than a full IP header) are skipped and counted.
/// </summary>
internal static class PacketSection
{
    private const int MismatchesShownPerFilter = 5;

    /// <summary>Builds, checks and times every packet filter.</summary>
    public static SectionResult Run()
    {
        var rows = new List<ReportRow>();
        var notes = new List<string>();
        var mismatches = new List<string>();
        var refusals = new SortedDictionary<ProgramKind, (int Refused, IReadOnlySet<string> Reasons)>();
        foreach (var c in PacketFilters.All)
        {
            var theirs = ClangPeer.CompileTwin(c.Name, c.Kind);
            using var clang = KernelRuns.Load(c.Kind, theirs, "clang");
            using var ours = OurBuild.Of(c.Compile, c.Kind);
            var pass = (uint)Verdict.Pass.ToReturnValue(c.Kind);
            var (run, passed, wrong) = (0, 0, 0);
            var refused = new List<string>();
            foreach (var frame in PacketFrames.All)
            {
                if (Refusal(c.Kind, frame.Bytes) is { } reason)
                {
                    refused.Add(reason);
                    continue;
                }
                var input = Input(c.Kind, frame.Bytes);
                var expected = (uint)c.Evaluate(frame.Bytes);
                var clangValue = KernelRuns.Run(clang, input);
                uint? ourValue = ours.Program is { } program ? KernelRuns.Run(program, input) : null;
                run++;
                passed += expected == pass ? 1 : 0;
                if (clangValue != expected || (ourValue is { } v && v != expected))
                {
                    if (++wrong <= MismatchesShownPerFilter)
                    {
                        mismatches.Add($"{c.Name} ({c.Kind}) on '{frame.Name}' ({frame.Bytes.Length} bytes): managed model 0x{expected:x}, clang 0x{clangValue:x}, "
                            + (ourValue is { } o ? $"BpfLinq 0x{o:x}" : $"BpfLinq {ours.Missing}") + $"\n  frame: {Convert.ToHexString(frame.Bytes)}");
                    }
                }
            }
            if (wrong > MismatchesShownPerFilter)
            {
                mismatches.Add($"{c.Name}: {wrong - MismatchesShownPerFilter} more mismatching frames");
            }
            refusals[c.Kind] = (refused.Count, refused.ToHashSet());
            var (ourNs, clangNs) = KernelRuns.Time(ours.Program, clang, Input(c.Kind, PacketFrames.Named(c.TimedOn)));
            rows.Add(new ReportRow(c.Name, c.Kind,
                ours.Program is null ? null : new Figures(ours.Instructions, ours.Program.GetInfo().VerifiedInsns, ourNs!.Value),
                ours.Missing,
                new Figures(theirs.Length, clang.GetInfo().VerifiedInsns, clangNs),
                [$"{run} ({passed} pass)", c.TimedOn]));
            if (ours.Detail is not null)
            {
                notes.Add($"{c.Name}: {ours.Detail}");
            }
        }
        foreach (var (kind, (count, reasons)) in refusals.Where(r => r.Value.Refused > 0))
        {
            notes.Add($"{kind}: each filter skips {count} of the {PacketFrames.All.Count} frames, which BPF_PROG_TEST_RUN refuses for this kind ({string.Join("; ", reasons.Order(StringComparer.Ordinal))})");
        }
        return new SectionResult(rows, notes, mismatches);
    }

    /// <summary>The frame set in one line.</summary>
    public static string FrameSetSummary =>
        $"{PacketFrames.Whole.Count} frames and every truncation of each down to 14 bytes ({PacketFrames.All.Count} in all)";

    /// <summary>Why the kernel refuses a test run of <paramref name="frame"/> for <paramref name="kind"/>, or null.</summary>
    internal static string? Refusal(ProgramKind kind, byte[] frame) =>
        kind == ProgramKind.Xdp ? TestRunContext.XdpRefusal(frame) : TestRunContext.SkbRefusal(kind, frame);

    /// <summary>The test run of <paramref name="frame"/> for <paramref name="kind"/>.</summary>
    internal static TestRunOptions Input(ProgramKind kind, byte[] frame) =>
        kind == ProgramKind.Xdp ? TestRunOptions.For(frame, new XdpMd()) : TestRunOptions.For(frame, new SkBuff());
}
