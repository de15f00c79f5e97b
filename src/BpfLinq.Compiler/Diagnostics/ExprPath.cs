using System.Globalization;

namespace BpfLinq.Compiler.Diagnostics;

/// <summary>
/// The position of an expression node in the tree of the root lambda, spelled with the Expression
/// API's own property names: <c>Body.Test.Left</c>, <c>Body.Arguments[1]</c>,
/// <c>Body.Expressions[0]</c>, <c>Body.Cases[2].Body</c>. Immutable; the root lambda itself is
/// <see cref="Root"/> (printed as the empty string).
/// </summary>
internal sealed class ExprPath : IEquatable<ExprPath>
{
    private readonly string _text;

    private ExprPath(string text) => _text = text;

    /// <summary>The root lambda.</summary>
    public static ExprPath Root { get; } = new("");

    /// <summary>True for the root lambda.</summary>
    public bool IsRoot => _text.Length == 0;

    /// <summary>The child reached through property <paramref name="property"/> (<c>Left</c>, <c>Body</c>, ...).</summary>
    public ExprPath Child(string property) => new(IsRoot ? property : _text + "." + property);

    /// <summary>Element <paramref name="index"/> of a collection property (<c>Arguments[1]</c>).</summary>
    public ExprPath Element(string property, int index) =>
        Child(property + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");

    /// <summary>The path with every segment of <paramref name="relative"/> appended (for trees inlined from elsewhere).</summary>
    public ExprPath Append(ExprPath relative) =>
        relative.IsRoot ? this : IsRoot ? relative : new ExprPath(_text + "." + relative._text);

    /// <inheritdoc/>
    public bool Equals(ExprPath? other) => other is not null && _text == other._text;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ExprPath);

    /// <inheritdoc/>
    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);

    /// <summary>The dotted path, e.g. <c>Body.Test.Left</c>.</summary>
    public override string ToString() => _text;
}
