using System.Globalization;

namespace BpfLinq.Bench.Report;

/// <summary>
/// One program of a report table: clang's figures, and BpfLinq's or why there are none
/// (<paramref name="OursMissing"/>, e.g. "compile error BPF0003"), and the extra cells of its table.
/// </summary>
internal sealed record ReportRow(string Name, ProgramKind Kind, Figures? Ours, string? OursMissing, Figures Clang, IReadOnlyList<string> Extra)
{
    /// <summary>The columns every table starts with.</summary>
    public const string Header = "| program | kind | insns BpfLinq | insns clang | verified BpfLinq | verified clang | ns/pkt BpfLinq | ns/pkt clang |";

    /// <summary>The alignment row for <see cref="Header"/> plus <paramref name="extraColumns"/> more.</summary>
    public static string Alignment(int extraColumns) => "|---|---|---:|---:|---:|---:|---:|---:|" + string.Concat(Enumerable.Repeat("---|", extraColumns));

    /// <summary>The Markdown row.</summary>
    public string ToMarkdown()
    {
        (string Insns, string Verified, string Ns) ours = Ours is { } o
            ? (Cell(o.Instructions), Cell(o.VerifiedInsns), Ns(o.NsPerPacket))
            : ($"BpfLinq: {OursMissing}", "–", "–");
        string[] cells = [Name, Kind.ToString(), ours.Insns, Cell(Clang.Instructions), ours.Verified, Cell(Clang.VerifiedInsns), ours.Ns, Ns(Clang.NsPerPacket)];
        return "| " + string.Join(" | ", cells.Concat(Extra)) + " |";
    }

    /// <summary>True when BpfLinq built and is no longer than clang.</summary>
    public bool NoLongerThanClang => Ours is { } o && o.Instructions <= Clang.Instructions;

    private static string Cell(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ns(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
