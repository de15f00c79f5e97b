namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// A depth-first search's result kept with the graph it was computed on: every block in order and
/// every successor list, compared by reference, so it is reused exactly when the graph's shape is
/// the same (instructions may have changed; the order depends on the edges alone).
/// </summary>
internal sealed class SearchMemo<TBlock>
    where TBlock : class
{
    private readonly TBlock _entry;
    private readonly TBlock[] _nodes;
    private readonly int[] _firstSuccessor;
    private readonly TBlock[] _successors;

    /// <summary>Records <paramref name="graph"/>'s shape with the search's results.</summary>
    public SearchMemo(IFlowGraph<TBlock> graph, List<TBlock> order, FlowEdge<TBlock>[] backEdges)
    {
        _entry = graph.Entry;
        _nodes = [.. graph.Nodes];
        _firstSuccessor = new int[_nodes.Length + 1];
        var successors = new List<TBlock>();
        for (var i = 0; i < _nodes.Length; i++)
        {
            _firstSuccessor[i] = successors.Count;
            for (var j = 0; j < graph.OutDegree(_nodes[i]); j++)
            {
                successors.Add(graph.OutEdge(_nodes[i], j).Target);
            }
        }
        _firstSuccessor[^1] = successors.Count;
        _successors = [.. successors];
        Order = [.. order];
        BackEdges = backEdges;
    }

    /// <summary>The reachable blocks in reverse post-order.</summary>
    public TBlock[] Order { get; }

    /// <summary>The search's back edges.</summary>
    public FlowEdge<TBlock>[] BackEdges { get; }

    /// <summary>True when <paramref name="graph"/> has the recorded blocks, in order, with the recorded successors.</summary>
    public bool Matches(IFlowGraph<TBlock> graph)
    {
        var nodes = graph.Nodes;
        if (nodes.Count != _nodes.Length || !ReferenceEquals(graph.Entry, _entry))
        {
            return false;
        }
        for (var i = 0; i < _nodes.Length; i++)
        {
            var block = nodes[i];
            var degree = graph.OutDegree(block);
            if (!ReferenceEquals(block, _nodes[i]) || degree != _firstSuccessor[i + 1] - _firstSuccessor[i])
            {
                return false;
            }
            for (var j = 0; j < degree; j++)
            {
                if (!ReferenceEquals(graph.OutEdge(block, j).Target, _successors[_firstSuccessor[i] + j]))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
