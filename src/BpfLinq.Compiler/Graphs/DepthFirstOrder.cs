using System.Runtime.CompilerServices;

namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// Block orders from a depth-first search of the entry. Successors are searched last to
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

    // What QuikGraph's depth-first search of the entry finds, over the successors last to first
    // (iterative, with its colours as bytes by position): its event plumbing cost more than the
    // search itself on a function of 10,000 blocks searched after every change of its edges.
    private static List<TBlock> Search<TBlock>(IFlowGraph<TBlock> graph, List<FlowEdge<TBlock>> backEdges)
        where TBlock : class
    {
        const byte Gray = 1, Black = 2;
        var post = new List<TBlock>(graph.Nodes.Count);
        var color = new byte[graph.Nodes.Count];
        var stack = new Stack<(TBlock Block, int Index, int Next)>();
        var entry = graph.Entry;
        var entryIndex = graph.IndexOf(entry);
        color[entryIndex] = Gray;
        stack.Push((entry, entryIndex, 0));
        while (stack.Count > 0)
        {
            var (u, index, next) = stack.Pop();
            var degree = graph.OutDegree(u);
            var descended = false;
            while (next < degree && !descended)
            {
                var edge = graph.OutEdge(u, degree - 1 - next++);
                var target = graph.IndexOf(edge.Target);
                if (color[target] == 0)
                {
                    stack.Push((u, index, next));
                    color[target] = Gray;
                    stack.Push((edge.Target, target, 0));
                    descended = true;
                }
                else if (color[target] == Gray)
                {
                    backEdges.Add(edge);
                }
            }
            if (!descended)
            {
                color[index] = Black;
                post.Add(u);
            }
        }
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
