namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// A depth-first search's result kept with the graph it was computed on: every block and every
/// successor list, compared by reference, so it is reused exactly when the graph's shape is the
/// same (instructions may have changed, and blocks may have been reordered: the search starts at
/// the entry and follows the edges, so neither changes its result).
/// </summary>
internal sealed class SearchMemo<TBlock>
    where TBlock : class
{
    private readonly TBlock _entry;
    private readonly Dictionary<TBlock, int> _index;
    private readonly int[] _firstSuccessor;
    private readonly TBlock[] _successors;

    /// <summary>
    /// Records the search's results, with <paramref name="graph"/>'s shape unless the graph keeps a
    /// <paramref name="shapeVersion"/> (then the version alone says whether the memo is current).
    /// </summary>
    public SearchMemo(IFlowGraph<TBlock> graph, List<TBlock> order, FlowEdge<TBlock>[] backEdges, int shapeVersion)
    {
        _entry = graph.Entry;
        ShapeVersion = shapeVersion;
        Order = [.. order];
        BackEdges = backEdges;
        var nodes = shapeVersion >= 0 ? [] : graph.Nodes;
        _index = new Dictionary<TBlock, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        _firstSuccessor = new int[nodes.Count + 1];
        var successors = new List<TBlock>();
        for (var i = 0; i < nodes.Count; i++)
        {
            _index.Add(nodes[i], i);
            _firstSuccessor[i] = successors.Count;
            for (var j = 0; j < graph.OutDegree(nodes[i]); j++)
            {
                successors.Add(graph.OutEdge(nodes[i], j).Target);
            }
        }
        _firstSuccessor[^1] = successors.Count;
        _successors = [.. successors];
    }

    /// <summary>The reachable blocks in reverse post-order.</summary>
    public TBlock[] Order { get; }

    /// <summary>The search's back edges.</summary>
    public FlowEdge<TBlock>[] BackEdges { get; }

    /// <summary>The graph's <see cref="IFlowGraph{TBlock}.ShapeVersion"/> when searched (-1 when it keeps none).</summary>
    public int ShapeVersion { get; }

    /// <summary>The dominator tree of the same graph, once computed (it depends on the edges only).</summary>
    public object? Dominators { get; set; }

    /// <summary>True when <paramref name="graph"/> has the recorded entry and blocks (in any order), each with the recorded successors.</summary>
    public bool Matches(IFlowGraph<TBlock> graph)
    {
        var nodes = graph.Nodes;
        if (nodes.Count != _index.Count || !ReferenceEquals(graph.Entry, _entry))
        {
            return false;
        }
        foreach (var block in nodes)
        {
            // Equal counts and every block recorded: the same set of blocks.
            if (!_index.TryGetValue(block, out var i))
            {
                return false;
            }
            var degree = graph.OutDegree(block);
            if (degree != _firstSuccessor[i + 1] - _firstSuccessor[i])
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
