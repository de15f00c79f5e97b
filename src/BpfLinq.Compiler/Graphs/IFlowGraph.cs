using System.Diagnostics.CodeAnalysis;
using QuikGraph;

namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// A control-flow graph as QuikGraph sees it: blocks are vertices, terminator targets are edges
/// (<see cref="FlowEdge{TBlock}"/>, so a branch with both targets equal is two edges), and one
/// block is the entry. The IR function and machine code implement the few members declared here
/// over their own lists; this interface answers the rest of QuikGraph's bidirectional graph from
/// them, so QuikGraph's algorithms and the analyses in this folder run on either level without a copy.
/// </summary>
/// <typeparam name="TBlock">The block type.</typeparam>
internal interface IFlowGraph<TBlock> : IBidirectionalGraph<TBlock, FlowEdge<TBlock>>
    where TBlock : class
{
    /// <summary>The block execution starts at.</summary>
    TBlock Entry { get; }

    /// <summary>Every block, the entry first.</summary>
    IReadOnlyList<TBlock> Nodes { get; }

    /// <summary>The position of <paramref name="block"/> in <see cref="Nodes"/>, or -1 when it is not there.</summary>
    int IndexOf(TBlock block);

    /// <summary>
    /// A number that changes whenever a block or an edge is added or removed, or -1 when the graph
    /// does not keep one (a search's memo is then compared with the graph, block by block).
    /// </summary>
    int ShapeVersion => -1;

    /// <summary>The source of <paramref name="block"/>'s <paramref name="index"/>-th in-edge (what <c>InEdge(block, index).Source</c> is, without finding the edge).</summary>
    TBlock Predecessor(TBlock block, int index);

    bool IGraph<TBlock, FlowEdge<TBlock>>.IsDirected => true;

    bool IGraph<TBlock, FlowEdge<TBlock>>.AllowParallelEdges => true;

    bool IVertexSet<TBlock>.IsVerticesEmpty => Nodes.Count == 0;

    int IVertexSet<TBlock>.VertexCount => Nodes.Count;

    IEnumerable<TBlock> IVertexSet<TBlock>.Vertices => Nodes;

    bool IImplicitVertexSet<TBlock>.ContainsVertex(TBlock vertex) => IndexOf(vertex) >= 0;

    bool IEdgeSet<TBlock, FlowEdge<TBlock>>.IsEdgesEmpty => EdgeCount == 0;

    int IEdgeSet<TBlock, FlowEdge<TBlock>>.EdgeCount => Nodes.Sum(OutDegree);

    IEnumerable<FlowEdge<TBlock>> IEdgeSet<TBlock, FlowEdge<TBlock>>.Edges => Nodes.SelectMany(OutEdges);

    bool IEdgeSet<TBlock, FlowEdge<TBlock>>.ContainsEdge(FlowEdge<TBlock> edge) =>
        (uint)edge.Index < (uint)OutDegree(edge.Source) && OutEdge(edge.Source, edge.Index) == edge;

    bool IImplicitGraph<TBlock, FlowEdge<TBlock>>.IsOutEdgesEmpty(TBlock vertex) => OutDegree(vertex) == 0;

    IEnumerable<FlowEdge<TBlock>> IImplicitGraph<TBlock, FlowEdge<TBlock>>.OutEdges(TBlock vertex)
    {
        for (var i = 0; i < OutDegree(vertex); i++)
        {
            yield return OutEdge(vertex, i);
        }
    }

    bool IImplicitGraph<TBlock, FlowEdge<TBlock>>.TryGetOutEdges(TBlock vertex, [NotNullWhen(true)] out IEnumerable<FlowEdge<TBlock>>? edges)
    {
        edges = ContainsVertex(vertex) ? OutEdges(vertex) : null;
        return edges is not null;
    }

    bool IIncidenceGraph<TBlock, FlowEdge<TBlock>>.ContainsEdge(TBlock source, TBlock target) => TryGetEdge(source, target, out _);

    bool IIncidenceGraph<TBlock, FlowEdge<TBlock>>.TryGetEdge(TBlock source, TBlock target, out FlowEdge<TBlock> edge)
    {
        foreach (var e in OutEdges(source))
        {
            if (e.Target == target)
            {
                edge = e;
                return true;
            }
        }
        edge = default;
        return false;
    }

    bool IIncidenceGraph<TBlock, FlowEdge<TBlock>>.TryGetEdges(TBlock source, TBlock target, [NotNullWhen(true)] out IEnumerable<FlowEdge<TBlock>>? edges)
    {
        edges = ContainsVertex(source) ? OutEdges(source).Where(e => e.Target == target).ToList() : null;
        return edges is not null;
    }

    bool IBidirectionalIncidenceGraph<TBlock, FlowEdge<TBlock>>.IsInEdgesEmpty(TBlock vertex) => InDegree(vertex) == 0;

    int IBidirectionalIncidenceGraph<TBlock, FlowEdge<TBlock>>.Degree(TBlock vertex) => InDegree(vertex) + OutDegree(vertex);

    IEnumerable<FlowEdge<TBlock>> IBidirectionalIncidenceGraph<TBlock, FlowEdge<TBlock>>.InEdges(TBlock vertex)
    {
        for (var i = 0; i < InDegree(vertex); i++)
        {
            yield return InEdge(vertex, i);
        }
    }

    bool IBidirectionalIncidenceGraph<TBlock, FlowEdge<TBlock>>.TryGetInEdges(TBlock vertex, [NotNullWhen(true)] out IEnumerable<FlowEdge<TBlock>>? edges)
    {
        edges = ContainsVertex(vertex) ? InEdges(vertex) : null;
        return edges is not null;
    }
}
