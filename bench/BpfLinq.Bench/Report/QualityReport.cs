using BpfLinq.Bench.Docs;

namespace BpfLinq.Bench.Report;

/// <summary>
/// The code-quality report: each lambda built by BpfLinq and its C twin built by clang-19, both
/// loaded into the kernel, checked to return the same value on every shared input, then measured
/// side by side — instructions, the verifier's processed instructions, and kernel ns per packet
/// from BPF_PROG_TEST_RUN (<see cref="KernelRuns"/>). Two tables: the scalar lambdas (context
/// fields) and the packet filters (which the managed model checks too). A verdict mismatch fails
/// the report; timings never do, nor a lambda BpfLinq cannot build yet (its row says why).
/// </summary>
internal static class QualityReport
{
    /// <summary>
    /// Runs the report, prints Markdown; with <paramref name="writeDocs"/> also writes it into
    /// docs/PERFORMANCE.md. Returns the process exit code (1 on a verdict mismatch).
    /// </summary>
    public static int Run(TextWriter output, bool writeDocs = false)
    {
        if (writeDocs)
        {
            var text = new StringWriter();
            var code = Run(text);
            output.Write(text.ToString());
            DocBlock.Write("PERFORMANCE.md", "report", text.ToString());
            return code;
        }
        var scalar = ScalarSection.Run();
        var packets = PacketSection.Run();
        var stateful = StatefulSection.Run();
        output.WriteLine($"BpfLinq against `{ClangPeer.Command}` (Linux {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}); ns/packet: BPF_PROG_TEST_RUN, repeat {KernelRuns.Repeat:N0}, median of {KernelRuns.Rounds} alternated rounds.");
        output.WriteLine();
        output.WriteLine($"Scalar lambdas (context fields only), on {SharedInputs.All.Count} context/frame pairs, timed on the last:");
        output.WriteLine();
        Print(output, scalar, ReportRow.Header, 0);
        output.WriteLine();
        output.WriteLine($"Packet filters, on {PacketSection.FrameSetSummary}; each build must return what the managed model returns on every frame the kernel runs:");
        output.WriteLine();
        Print(output, packets, ReportRow.Header + " frames run (pass) | timed on |", 2);
        output.WriteLine();
        output.WriteLine($"Maps, subprograms and loops, on the same frames in the same order (counters evolve alike in both kernels and the managed model):");
        output.WriteLine();
        Print(output, stateful, ReportRow.Header + " frames run | C twin |", 2);
        var rows = scalar.Rows.Concat(packets.Rows).Concat(stateful.Rows).ToList();
        output.WriteLine();
        output.WriteLine($"BpfLinq no longer than clang on {rows.Count(r => r.NoLongerThanClang)} of {rows.Count} rows; built on {rows.Count(r => r.Ours is not null)}.");
        var mismatches = scalar.Mismatches.Concat(packets.Mismatches).Concat(stateful.Mismatches).ToList();
        foreach (var m in mismatches)
        {
            output.WriteLine("VERDICT MISMATCH: " + m);
        }
        return mismatches.Count == 0 ? 0 : 1;
    }

    private static void Print(TextWriter output, SectionResult section, string header, int extraColumns)
    {
        output.WriteLine(header);
        output.WriteLine(ReportRow.Alignment(extraColumns));
        foreach (var row in section.Rows)
        {
            output.WriteLine(row.ToMarkdown());
        }
        if (section.Notes.Count > 0)
        {
            output.WriteLine();
            foreach (var note in section.Notes)
            {
                output.WriteLine("- " + note);
            }
        }
    }
}
