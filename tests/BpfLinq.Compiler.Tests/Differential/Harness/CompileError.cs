namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>What the harness needs from a compile error: its stable code, the path of the node it names, its message.</summary>
internal sealed record CompileError(string Code, string? Path, string Message);
