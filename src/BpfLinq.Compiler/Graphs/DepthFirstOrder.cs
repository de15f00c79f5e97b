using System.Runtime.CompilerServices;
using QuikGraph;
using QuikGraph.Algorithms.Search;
using QuikGraph.Algorithms.Services;

namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// Block orders from QuikGraph's depth-first search of the entry. Successors are searched last to
/// first, so a block's first successor (a branch's "true" side) comes first in reverse post-order
/// and the order is also a good first layout (joins after everything that reaches them).
/// </summary>
internal static class DepthFirstOrder
{
    /// <summary>
    /// The blocks reachable from the entry in reverse post-order (the entry first). When
    /// <paramref name="backEdges"/> is given, the search's back edges (to a block still on the
    /// search path: every cycle has one) are added to it.
    /// </summary>
    public static List<TBlock> ReversePostOrder<TBlock>(IFlowGraph<TBlock> graph, List<FlowEdge<TBlock>>? backEdges = null)
        where TBlock : class
    {
        var memo = Memo(graph);
        backEdges?.AddRange(memo.BackEdges);
        return [.. memo.Order];
    }

    /// <summary>The search's result for the graph as it stands, kept while the graph's edges stay the same.</summary>
    public static SearchMemo<TBlock> Memo<TBlock>(IFlowGraph<TBlock> graph)
        where TBlock : class
    {
        // The passes of one optimisation round and the back end ask for the order of a graph that
        // mostly has not changed since the last search; a search is repeated only when it has.
        var version = graph.ShapeVersion;
        var memo = s_memos.TryGetValue(graph, out var found) && found is SearchMemo<TBlock> m
            && (version >= 0 ? m.ShapeVersion == version : m.Matches(graph)) ? m : null;
        if (memo is null)
        {
            var edges = new List<FlowEdge<TBlock>>();
            memo = new SearchMemo<TBlock>(graph, Search(graph, edges), [.. edges], version);
            s_memos.AddOrUpdate(graph, memo);
        }
        return memo;
    }

    private static readonly ConditionalWeakTable<object, object> s_memos = [];

    // A QuikGraph algorithm without a host makes its own services (a cancel manager) per run; one
    // shared host, never cancelled, saves that on every search.
    private static readonly IAlgorithmComponent s_host = new DepthFirstSearchAlgorithm<int, SEdge<int>>(new AdjacencyGraph<int, SEdge<int>>());

    // QuikGraph's depth-first search of the entry. The colour map and the reversed successor order
    // are views over the graph's own lists: QuikGraph's default hash table and an edge filter cost
    // more than the search itself, on a few blocks and on 10,000.
    private static List<TBlock> Search<TBlock>(IFlowGraph<TBlock> graph, List<FlowEdge<TBlock>> backEdges)
        where TBlock : class
    {
        var post = new List<TBlock>(graph.Nodes.Count);
        var search = new DepthFirstSearchAlgorithm<TBlock, FlowEdge<TBlock>>(s_host, new ReversedFlowGraph<TBlock>(graph), new BlockColors<TBlock>(graph))
        {
            ProcessAllComponents = false,
        };
        search.FinishVertex += post.Add;
        search.BackEdge += backEdges.Add;
        search.Compute(graph.Entry);
        post.Reverse();
        return post;
    }

    /// <summary>Reverse post-order, then the unreachable blocks in their current order.</summary>
    public static List<TBlock> ReversePostOrderThenRest<TBlock>(IFlowGraph<TBlock> graph)
        where TBlock : class
    {
        var order = ReversePostOrder(graph);
        var seen = new bool[graph.Nodes.Count];
        foreach (var b in order)
        {
            seen[graph.IndexOf(b)] = true;
        }
        for (var i = 0; i < seen.Length; i++)
        {
            if (!seen[i])
            {
                order.Add(graph.Nodes[i]);
            }
        }
        return order;
    }
}
