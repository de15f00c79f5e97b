using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Where a node of the normalised tree came from: the node the user wrote (rendered for
/// diagnostics and the source map) and its path from the root lambda.
/// </summary>
/// <param name="Path">The path of <paramref name="Node"/> from the root lambda.</param>
/// <param name="Node">The node as the user wrote it, before normalisation.</param>
internal sealed record Origin(ExprPath Path, Expression Node);
