using System.Globalization;

namespace BpfLinq.Compiler.Diagnostics;

/// <summary>
/// The position of an expression node in the tree of the root lambda, spelled with the Expression
/// API's own property names: <c>Body.Test.Left</c>, <c>Body.Arguments[1]</c>,
/// <c>Body.Expressions[0]</c>, <c>Body.Cases[2].Body</c>. Immutable; the root lambda itself is
/// <see cref="Root"/> (printed as the empty string). A path is its last segment and a link to its
/// parent's path: the paths of every node of a tree 50,000 deep share their prefixes instead of each
/// holding its own copy, and the text is spelled only when asked for.
/// </summary>
internal sealed class ExprPath : IEquatable<ExprPath>
{
    private readonly ExprPath? _parent;
    private readonly string _segment;
    private readonly int _length; // segments from the root
    private readonly int _hash;

    private ExprPath(ExprPath? parent, string segment)
    {
        _parent = parent;
        _segment = segment;
        _length = parent is null ? 0 : parent._length + 1;
        _hash = parent is null ? 0 : HashCode.Combine(parent._hash, StringComparer.Ordinal.GetHashCode(segment));
    }

    /// <summary>The root lambda.</summary>
    public static ExprPath Root { get; } = new(null, "");

    /// <summary>True for the root lambda.</summary>
    public bool IsRoot => _parent is null;

    /// <summary>The child reached through property <paramref name="property"/> (<c>Left</c>, <c>Body</c>, ...).</summary>
    public ExprPath Child(string property) => new(this, property);

    /// <summary>Element <paramref name="index"/> of a collection property (<c>Arguments[1]</c>).</summary>
    public ExprPath Element(string property, int index) =>
        Child(property + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    /// <summary>The path with every segment of <paramref name="relative"/> appended (for trees inlined from elsewhere).</summary>
    public ExprPath Append(ExprPath relative)
    {
        var path = this;
        foreach (var segment in relative.Segments())
        {
            path = path.Child(segment);
        }
        return path;
    }

    /// <inheritdoc/>
    public bool Equals(ExprPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other._hash != _hash || other._length != _length)
        {
            return false;
        }
        for (var (a, b) = (this, other); a is not null && !ReferenceEquals(a, b); (a, b) = (a._parent, b._parent!))
        {
            if (!string.Equals(a._segment, b._segment, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ExprPath);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <summary>The path as text: <c>Body.Test.Left</c>, empty for the root.</summary>
    public override string ToString() => string.Join('.', Segments());

    // The segments from the root down, without recursion.
    private string[] Segments()
    {
        var segments = new string[_length];
        for (var p = this; p._parent is not null; p = p._parent)
        {
            segments[p._length - 1] = p._segment;
        }
        return segments;
    }
}
