using BpfLinq.Compiler.Graphs;

namespace BpfLinq.Compiler.Analysis;

/// <summary>Computes <see cref="DominatorTree{TBlock}"/>s of either level's graph.</summary>
internal static class DominatorTree
{
    /// <summary>Computes the tree for the graph as it stands.</summary>
    public static DominatorTree<TBlock> Compute<TBlock>(IFlowGraph<TBlock> graph)
        where TBlock : class => DominatorTree<TBlock>.Compute(graph);
}

/// <summary>
/// Immediate dominators of the reachable blocks, by Cooper, Harvey and Kennedy, "A Simple, Fast
/// Dominance Algorithm" (2001): iterate <c>idom(b) = intersect(processed preds)</c> over reverse
/// post-order until nothing changes, walking up by post-order number. Unreachable blocks have no
/// dominator and are dominated by nothing. Written once over <see cref="IFlowGraph{TBlock}"/>, so
/// it serves the IR and machine code alike.
/// </summary>
/// <typeparam name="TBlock">The block type.</typeparam>
internal sealed class DominatorTree<TBlock>
    where TBlock : class
{
    private readonly Dictionary<TBlock, int> _rpoIndex;
    private readonly TBlock?[] _idom;
    private readonly List<TBlock> _rpo;
    private readonly List<TBlock>[] _children;

    private DominatorTree(List<TBlock> rpo, Dictionary<TBlock, int> rpoIndex, TBlock?[] idom)
    {
        _rpo = rpo;
        _rpoIndex = rpoIndex;
        _idom = idom;
        _children = new List<TBlock>[rpo.Count];
        for (var i = 0; i < rpo.Count; i++)
        {
            _children[i] = [];
        }
        for (var i = 1; i < rpo.Count; i++)
        {
            _children[rpoIndex[idom[i]!]].Add(rpo[i]); // in reverse post-order, because i ascends
        }
    }

    /// <summary>The reachable blocks in reverse post-order.</summary>
    public IReadOnlyList<TBlock> ReversePostOrder => _rpo;

    internal static DominatorTree<TBlock> Compute(IFlowGraph<TBlock> graph)
    {
        // Passes of one round ask for the tree of a graph whose edges mostly did not change: the
        // depth-first search's memo keeps the tree for as long as it matches the graph.
        var memo = DepthFirstOrder.Memo(graph);
        if (memo.Dominators is DominatorTree<TBlock> known)
        {
            return known;
        }
        var rpo = memo.Order;
        var index = new Dictionary<TBlock, int>(rpo.Length);
        // By the graph's own node index, a lookup per edge without hashing.
        var rpoOf = new int[graph.Nodes.Count];
        Array.Fill(rpoOf, -1);
        for (var i = 0; i < rpo.Length; i++)
        {
            index[rpo[i]] = i;
            rpoOf[graph.IndexOf(rpo[i])] = i;
        }
        var preds = new int[rpo.Length][];
        for (var i = 0; i < rpo.Length; i++)
        {
            var block = rpo[i];
            preds[i] = new int[graph.InDegree(block)];
            for (var k = 0; k < preds[i].Length; k++)
            {
                preds[i][k] = rpoOf[graph.IndexOf(graph.Predecessor(block, k))];
            }
        }
        var idom = new int[rpo.Length];
        Array.Fill(idom, -1);
        idom[0] = 0;
        var visited = new int[rpo.Length];
        var visit = 0;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 1; i < rpo.Length; i++)
            {
                var newIdom = -1;
                visit++;
                foreach (var p in preds[i])
                {
                    if (p < 0 || idom[p] < 0)
                    {
                        continue; // unreachable or not yet processed
                    }
                    newIdom = newIdom < 0 ? Mark(visited, visit, p) : Intersect(idom, visited, visit, p, newIdom);
                }
                if (newIdom != idom[i])
                {
                    idom[i] = newIdom;
                    changed = true;
                }
            }
        }
        var result = new TBlock?[rpo.Length];
        for (var i = 1; i < rpo.Length; i++)
        {
            result[i] = rpo[idom[i]];
        }
        var tree = new DominatorTree<TBlock>([.. rpo], index, result);
        memo.Dominators = tree;
        return tree;
    }

    private static int Mark(int[] visited, int visit, int block)
    {
        visited[block] = visit;
        return block;
    }

    // The nearest common ancestor of a and b in the tree so far. Every block either finger passes is
    // marked for this visit; each lies below the current candidate (b), which only moves up. So a
    // finger from a new predecessor that meets a marked block has b above it and stops there: a join
    // of 10,000 predecessors down one chain costs a step per predecessor, not the chain's length.
    private static int Intersect(int[] idom, int[] visited, int visit, int a, int b)
    {
        while (a != b)
        {
            while (a > b)
            {
                if (visited[a] == visit)
                {
                    return b;
                }
                visited[a] = visit;
                a = idom[a];
            }
            while (b > a)
            {
                b = Mark(visited, visit, idom[b]);
            }
        }
        return Mark(visited, visit, a);
    }

    /// <summary>True when the block is reachable from the entry.</summary>
    public bool IsReachable(TBlock block) => _rpoIndex.ContainsKey(block);

    /// <summary>Position of <paramref name="block"/> in reverse post-order, or -1 when it is unreachable.</summary>
    public int RpoNumber(TBlock block) => _rpoIndex.TryGetValue(block, out var i) ? i : -1;

    /// <summary>The immediate dominator, or null for the entry and unreachable blocks.</summary>
    public TBlock? ImmediateDominator(TBlock block) =>
        _rpoIndex.TryGetValue(block, out var i) ? _idom[i] : null;

    /// <summary>True when every path from the entry to <paramref name="b"/> passes through <paramref name="a"/> (a block dominates itself).</summary>
    public bool Dominates(TBlock a, TBlock b)
    {
        if (!_rpoIndex.TryGetValue(a, out var ia) || !_rpoIndex.ContainsKey(b))
        {
            return false;
        }
        for (var x = b; x is not null; x = ImmediateDominator(x))
        {
            if (x == a)
            {
                return true;
            }
            if (_rpoIndex[x] < ia)
            {
                return false; // dominators come earlier in RPO; we walked past a
            }
        }
        return false;
    }

    /// <summary>The children of each block in the tree, in reverse post-order.</summary>
    public IReadOnlyList<TBlock> Children(TBlock block) =>
        _rpoIndex.TryGetValue(block, out var i) ? _children[i] : [];

    /// <summary>The reachable blocks in a pre-order walk of the tree (children in reverse post-order).</summary>
    public IEnumerable<TBlock> PreOrder()
    {
        var stack = new Stack<TBlock>();
        stack.Push(_rpo[0]);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            yield return b;
            var children = _children[_rpoIndex[b]];
            for (var k = children.Count - 1; k >= 0; k--)
            {
                stack.Push(children[k]);
            }
        }
    }
}
