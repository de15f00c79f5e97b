using System.Globalization;
using System.Text.RegularExpressions;

namespace BpfLinq.Runtime;

/// <summary>
/// Finds the line of a verifier log that says why a program was rejected.
/// </summary>
/// <remarks>
/// The verifier prints its walk through the program and stops at the first error, so the reason is
/// at the end, followed by bookkeeping: "processed N insns (limit ...)", "verification time",
/// "stack depth", blank lines. The summary drops that trailer and takes the last line left
/// (cilium's rule). The line before it is added when it explains the last one: a register fact
/// ("R1 type=scalar expected=fp") before a verdict, or a BTF type before its indented member
/// ("[13] STRUCT foo size=16" / "\tx1 type_id=2"). Where cilium also prepends the instruction line
/// ("0: (95) exit" before "R0 !read_ok"), this keeps the summary to the kernel's own words and
/// reports the instruction apart: the last one printed ("12: (85) call ..."), with its index, so the
/// message can name it and line_info can map it back to source.
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
            return new VerifierLogSummary("", null, null);
        }
        string text = lines[last].Trim();
        if (last > 0 && Explains(lines[last - 1], lines[last]))
        {
            text = lines[last - 1].Trim() + ": " + text;
        }
        var (index, instruction) = FindInstruction(lines, last);
        return new VerifierLogSummary(text, index, instruction);
    }

    private static bool IsTrailer(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Length == 0
            || trimmed.StartsWith("processed ", StringComparison.Ordinal)
            || trimmed.StartsWith("verification time", StringComparison.Ordinal)
            || trimmed.StartsWith("stack depth", StringComparison.Ordinal)
            || trimmed.StartsWith("max_states_per_insn", StringComparison.Ordinal)
            // The two states compared by "infinite loop detected at insn N": detail under the verdict.
            || trimmed.StartsWith("cur state:", StringComparison.Ordinal)
            || trimmed.StartsWith("old state:", StringComparison.Ordinal);
    }

    private static bool Explains(string previous, string last) =>
        !IsTrailer(previous)
        && !InstructionLine().IsMatch(previous)
        && (RegisterFact().IsMatch(previous) || (last.Length > 0 && char.IsWhiteSpace(last[0])));

    private static (int? Index, string? Text) FindInstruction(string[] lines, int from)
    {
        for (int i = from; i >= 0; i--)
        {
            var match = InstructionLine().Match(lines[i]);
            if (match.Success)
            {
                // "5: (85) call bpf_map_lookup_elem#1    ; R0=..." -> "call bpf_map_lookup_elem#1"
                string text = lines[i][match.Length..];
                int comment = text.IndexOf(';', StringComparison.Ordinal);
                return (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), (comment < 0 ? text : text[..comment]).Trim());
            }
        }
        return (null, null);
    }

    /// <summary>"12: (85) call bpf_map_lookup_elem#1": an instruction as the verifier prints it.</summary>
    [GeneratedRegex(@"^(\d+): \([0-9a-f]{2}\) ")]
    private static partial Regex InstructionLine();

    /// <summary>"R1 type=scalar expected=..." or "R2 invalid mem access": a statement about a register.</summary>
    [GeneratedRegex(@"^R\d+ (type=|invalid |min value|max value|offset|unbounded|pointer|cannot|is |has )")]
    private static partial Regex RegisterFact();
}
