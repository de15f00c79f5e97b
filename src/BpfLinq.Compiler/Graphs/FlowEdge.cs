using QuikGraph;

namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// A control-flow edge: the <paramref name="Index"/>-th target of <paramref name="Source"/>'s
/// terminator. The index tells apart the two edges of a branch whose targets are equal, so a
/// graph of these edges has one edge per terminator target, as the IR and machine code do.
/// </summary>
/// <typeparam name="TBlock">The block type (IR or machine).</typeparam>
/// <param name="Source">The block whose terminator names the edge.</param>
/// <param name="Target">The successor.</param>
/// <param name="Index">Position of the target among the terminator's targets.</param>
internal readonly record struct FlowEdge<TBlock>(TBlock Source, TBlock Target, int Index) : IEdge<TBlock>;
