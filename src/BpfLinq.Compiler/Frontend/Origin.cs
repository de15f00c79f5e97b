using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Where a node of the normalised tree came from: the node the user wrote (rendered for
/// diagnostics and the source map) and its path from the root lambda. One per node of the user's
/// tree (<see cref="Provenance"/> makes them). An origin is also the <see cref="SourceRef"/> stamped
/// on the instructions made for its node, rendered on first read: rendering every node as C# would
/// cost more than the rest of the front end, and most are never read.
/// </summary>
internal sealed class Origin(ExprPath path, Expression node) : SourceRef
{
    /// <summary>The path of <see cref="Node"/> from the root lambda.</summary>
    public new ExprPath Path { get; } = path;

    /// <summary>The node as the user wrote it, before normalisation.</summary>
    public Expression Node { get; } = node;

    /// <inheritdoc/>
    protected override string RenderText() => CSharpRenderer.RenderHead(Node);

    /// <inheritdoc/>
    protected override string RenderPath() => Path.ToString();
}
