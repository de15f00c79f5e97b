using QuikGraph;

namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// A view of a flow graph whose out-edges come last to first (a branch's false side first), so a
/// depth-first search finishes the first successor last and puts it first in reverse post-order.
/// Everything else is the underlying graph's; nothing is copied.
/// </summary>
/// <typeparam name="TBlock">The block type.</typeparam>
internal sealed class ReversedFlowGraph<TBlock>(IFlowGraph<TBlock> graph) : IFlowGraph<TBlock>
    where TBlock : class
{
    public TBlock Entry => graph.Entry;

    public IReadOnlyList<TBlock> Nodes => graph.Nodes;

    public int IndexOf(TBlock block) => graph.IndexOf(block);

    public TBlock Predecessor(TBlock block, int index) => graph.Predecessor(block, index);

    public int OutDegree(TBlock vertex) => graph.OutDegree(vertex);

    public FlowEdge<TBlock> OutEdge(TBlock vertex, int index) => graph.OutEdge(vertex, graph.OutDegree(vertex) - 1 - index);

    public int InDegree(TBlock vertex) => graph.InDegree(vertex);

    public FlowEdge<TBlock> InEdge(TBlock vertex, int index) => graph.InEdge(vertex, index);
}
