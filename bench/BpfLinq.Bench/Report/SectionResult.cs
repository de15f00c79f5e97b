namespace BpfLinq.Bench.Report;

/// <summary>What one table of the report found: its rows, notes to print under it, and verdict mismatches (each fails the report).</summary>
internal sealed record SectionResult(IReadOnlyList<ReportRow> Rows, IReadOnlyList<string> Notes, IReadOnlyList<string> Mismatches);
