namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Where an IR instruction came from: the expression rendered as C# and its path from the root
/// lambda (<c>Body.Test.Left</c>). Carried through every phase to the source map and line_info.
/// </summary>
/// <param name="Text">The expression as C# (<c>skb.Len &lt; 6</c>).</param>
/// <param name="Path">The expression path from the lambda (<c>Body.Test</c>).</param>
internal sealed record SourceRef(string Text, string Path)
{
    /// <summary>The printed form used in IR dumps: <c>text  @path</c>.</summary>
    public override string ToString() => Path.Length == 0 ? Text : $"{Text}  @{Path}";
}
