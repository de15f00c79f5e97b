using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Diagnostics;

/// <summary>
/// Where a <see cref="BpfCompileException"/> points: the expression as C#, its path, the program kind,
/// and the lambda with the file and line it was written at.
/// </summary>
internal sealed record DiagnosticLocation(
    string? ExpressionText,
    string? ExpressionPath,
    ProgramKind? Kind,
    string? Lambda,
    string? SourceFile,
    int SourceLine)
{
    /// <summary>This program's location moved to the expression an instruction came from (none when null).</summary>
    public DiagnosticLocation At(SourceRef? source) => this with { ExpressionText = source?.Text, ExpressionPath = source?.Path };
}
