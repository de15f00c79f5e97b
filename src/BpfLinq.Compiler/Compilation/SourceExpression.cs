namespace BpfLinq;

/// <summary>The C# expression an instruction came from.</summary>
/// <param name="Text">The expression as C#, e.g. <c>skb.Len &lt; 6</c>.</param>
/// <param name="Path">Its path from the lambda in the Expression API's property names, e.g. <c>Body.Test</c>.</param>
public sealed record SourceExpression(string Text, string Path);
