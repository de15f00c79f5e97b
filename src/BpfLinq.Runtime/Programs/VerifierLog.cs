using System.Globalization;
using System.Text.RegularExpressions;

namespace BpfLinq.Runtime.Programs;

/// <summary>
/// Finds the line of a verifier log that says why a program was rejected.
/// </summary>
/// <remarks>
/// The verifier prints its walk through the program and stops at the first error, so the reason is
/// at the end — followed by bookkeeping: "processed N insns (limit ...)", "verification time",
/// "stack depth", blank lines. The summary drops that trailer and takes the last line left (cilium's
/// rule). Some errors are two lines, the first stating the facts and the second the verdict, e.g.
/// <code>
/// R1 type=scalar expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_
/// invalid mem access 'scalar'          (older kernels)
/// </code>
/// so the previous line is kept when it explains the last: it describes a register ("R1 type=...",
/// "R0 invalid mem access") or the last line is indented as its continuation. The instruction index
/// is that of the last instruction the log printed before the error ("12: (85) call ...").
/// </remarks>
internal static partial class VerifierLog
{
    /// <summary>Summarises a log. Returns an empty text for a log with nothing but bookkeeping.</summary>
    internal static VerifierLogSummary Summarize(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        string[] lines = log.Split('\n');
        int last = lines.Length - 1;
        while (last >= 0 && IsTrailer(lines[last]))
        {
            last--;
        }
        if (last < 0)
        {
            return new VerifierLogSummary("", null);
        }
        string text = lines[last].Trim();
        if (last > 0 && Explains(lines[last - 1], lines[last]))
        {
            text = lines[last - 1].Trim() + "\n" + text;
        }
        return new VerifierLogSummary(text, FindInstructionIndex(lines, last));
    }

    private static bool IsTrailer(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Length == 0
            || trimmed.StartsWith("processed ", StringComparison.Ordinal)
            || trimmed.StartsWith("verification time", StringComparison.Ordinal)
            || trimmed.StartsWith("stack depth", StringComparison.Ordinal)
            || trimmed.StartsWith("max_states_per_insn", StringComparison.Ordinal);
    }

    private static bool Explains(string previous, string last) =>
        !IsTrailer(previous)
        && !InstructionLine().IsMatch(previous)
        && (RegisterFact().IsMatch(previous) || (last.Length > 0 && char.IsWhiteSpace(last[0])));

    private static int? FindInstructionIndex(string[] lines, int from)
    {
        for (int i = from; i >= 0; i--)
        {
            var match = InstructionLine().Match(lines[i]);
            if (match.Success)
            {
                return int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    /// <summary>"12: (85) call bpf_map_lookup_elem#1": an instruction as the verifier prints it.</summary>
    [GeneratedRegex(@"^(\d+): \([0-9a-f]{2}\) ")]
    private static partial Regex InstructionLine();

    /// <summary>"R1 type=scalar expected=..." or "R2 invalid mem access": a statement about a register.</summary>
    [GeneratedRegex(@"^R\d+ (type=|invalid |min value|max value|offset|unbounded|pointer|cannot|is |has )")]
    private static partial Regex RegisterFact();
}
