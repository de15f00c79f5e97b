namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Where an IR instruction came from: the expression rendered as C# and its path from the root
/// lambda (<c>Body.Test.Left</c>). Carried through every phase to the source map and line_info.
/// The front end makes them lazily: most are never read (only disassembly, dumps and errors read
/// them), and rendering every node as C# would cost more than the rest of the front end.
/// Two references are equal when their text and path are. Safe to read from several threads (a
/// race renders the same text twice).
/// </summary>
internal class SourceRef : IEquatable<SourceRef>
{
    private string? _text;
    private string? _path;

    /// <summary>A reference with its text and path known.</summary>
    /// <param name="text">The expression as C# (<c>skb.Len &lt; 6</c>).</param>
    /// <param name="path">The expression path from the lambda (<c>Body.Test</c>).</param>
    public SourceRef(string text, string path)
    {
        _text = text;
        _path = path;
    }

    /// <summary>A reference rendered on first use, by <see cref="RenderText"/> and <see cref="RenderPath"/>.</summary>
    protected SourceRef()
    {
    }

    /// <summary>The expression as C#.</summary>
    public string Text => _text ??= RenderText();

    /// <summary>The expression path from the lambda.</summary>
    public string Path => _path ??= RenderPath();

    /// <summary>The text of a reference rendered on first use.</summary>
    protected virtual string RenderText() => throw new InvalidOperationException("a lazy source reference must render its text");

    /// <summary>The path of a reference rendered on first use.</summary>
    protected virtual string RenderPath() => throw new InvalidOperationException("a lazy source reference must render its path");

    /// <inheritdoc/>
    public bool Equals(SourceRef? other) =>
        ReferenceEquals(this, other) || (other is not null && Text == other.Text && Path == other.Path);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SourceRef);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Text, Path);

    /// <summary>Equal text and path.</summary>
    public static bool operator ==(SourceRef? left, SourceRef? right) => left?.Equals(right) ?? right is null;

    /// <summary>Different text or path.</summary>
    public static bool operator !=(SourceRef? left, SourceRef? right) => !(left == right);

    /// <summary>The printed form used in IR dumps: <c>text  @path</c>.</summary>
    public override string ToString() => Path.Length == 0 ? Text : $"{Text}  @{Path}";
}
