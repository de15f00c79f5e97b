namespace BpfLinq;

/// <summary>One line of a compiled function's IR and the C# expression it came from.</summary>
/// <param name="Text">The instruction as IR text (<c>v2 = cmp.ult.i32 v1, 6</c>).</param>
/// <param name="Source">The C# expression it was lowered from (<c>skb.Len &lt; 6</c>), or null for glue the compiler added.</param>
/// <param name="SourcePath">Where that expression sits in the lambda (<c>Body.Test</c>), or null with <paramref name="Source"/>.</param>
public sealed record IrLine(string Text, string? Source, string? SourcePath);
