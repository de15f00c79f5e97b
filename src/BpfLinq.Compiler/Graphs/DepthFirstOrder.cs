using QuikGraph.Algorithms.Search;

namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// Block orders from QuikGraph's depth-first search of the entry. Successors are searched last to
/// first, so a block's first successor (a branch's "true" side) comes first in reverse post-order
/// and the order is also a good first layout (joins after everything that reaches them).
/// </summary>
internal static class DepthFirstOrder
{
    /// <summary>The blocks reachable from the entry in reverse post-order (the entry first).</summary>
    public static List<TBlock> ReversePostOrder<TBlock>(IFlowGraph<TBlock> graph)
        where TBlock : class
    {
        var post = new List<TBlock>(graph.VertexCount);
        var search = new DepthFirstSearchAlgorithm<TBlock, FlowEdge<TBlock>>(
            host: null,
            graph,
            new Dictionary<TBlock, QuikGraph.GraphColor>(graph.VertexCount),
            edges => edges.Reverse())
        {
            ProcessAllComponents = false,
        };
        search.FinishVertex += post.Add;
        search.Compute(graph.Entry);
        post.Reverse();
        return post;
    }

    /// <summary>Reverse post-order, then the unreachable blocks in their current order.</summary>
    public static List<TBlock> ReversePostOrderThenRest<TBlock>(IFlowGraph<TBlock> graph)
        where TBlock : class
    {
        var order = ReversePostOrder(graph);
        var seen = order.ToHashSet();
        order.AddRange(graph.Vertices.Where(b => !seen.Contains(b)));
        return order;
    }
}
