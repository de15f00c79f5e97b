using QuikGraph;

namespace BpfLinq;

/// <summary>
/// A control-flow edge of a <see cref="ControlFlowGraph"/>: one target of a block's terminator.
/// A conditional branch whose targets are the same block is two edges, told apart by <paramref name="Index"/>.
/// </summary>
/// <param name="Source">The block that branches.</param>
/// <param name="Target">The block branched to.</param>
/// <param name="Index">The target's position in the terminator: for a conditional branch 0 is taken when the condition holds, 1 when it does not.</param>
/// <param name="IsConditional">True when the terminator is a conditional branch.</param>
public sealed record IrEdge(IrBlock Source, IrBlock Target, int Index, bool IsConditional) : IEdge<IrBlock>;
