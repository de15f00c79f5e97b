namespace BpfLinq.Compiler.Diagnostics;

/// <summary>
/// A user error before it is placed: the stable code (<see cref="DiagnosticCode"/>) and the one-line
/// summary. <see cref="CompileErrors"/> makes them; the front end adds the location and throws.
/// </summary>
/// <param name="Code">The code, <c>BPF0012</c>.</param>
/// <param name="Summary">What is wrong and how to fix it.</param>
internal readonly record struct CompileError(string Code, string Summary)
{
    /// <summary>The exception for this error at <paramref name="location"/>.</summary>
    public BpfCompileException At(DiagnosticLocation location, Exception? innerException = null) =>
        new(Code, Summary, location, innerException);
}
