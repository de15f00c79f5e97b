using BpfLinq.Compiler.Graphs;

namespace BpfLinq.Compiler.Analysis;

/// <summary>Computes <see cref="LoopForest{TBlock}"/>s of either level's graph.</summary>
internal static class LoopForest
{
    /// <summary>Computes the loops of the graph as it stands.</summary>
    public static LoopForest<TBlock> Compute<TBlock>(IFlowGraph<TBlock> graph)
        where TBlock : class => LoopForest<TBlock>.Compute(graph);
}

/// <summary>
/// The natural loops of a control-flow graph and how they nest. An edge <c>t -&gt; h</c> is a back edge when
/// <c>h</c> dominates <c>t</c>; the loop of header <c>h</c> is <c>h</c> plus every block that reaches
/// a latch <c>t</c> without passing through <c>h</c> (found by walking predecessors backwards from
/// the latches). Loops with one header are merged; in a reducible graph two loops are either
/// disjoint or nested, so a loop's parent is the containing loop with the latest header in
/// reverse post-order. A retreating edge (to an earlier block in reverse post-order) that is not a
/// back edge makes the graph irreducible, reported by <see cref="IsReducible"/> (the front end
/// only builds reducible graphs and no pass creates irreducible ones; the backend may rely on it).
/// Written once over <see cref="IFlowGraph{TBlock}"/>: the IR's passes and the machine blocks'
/// loop depths use the same finder.
/// </summary>
/// <typeparam name="TBlock">The block type.</typeparam>
internal sealed class LoopForest<TBlock>
    where TBlock : class
{
    private readonly Func<TBlock, int> _rpoNumber;
    private readonly Loop<TBlock>?[] _innermost;

    private LoopForest(Func<TBlock, int> rpoNumber, IReadOnlyList<Loop<TBlock>> loops, Loop<TBlock>?[] innermost, bool isReducible, DominatorTree<TBlock>? dominators)
    {
        Dominators = dominators;
        _rpoNumber = rpoNumber;
        Loops = loops;
        _innermost = innermost;
        IsReducible = isReducible;
    }

    /// <summary>Every loop, in reverse post-order of their headers (so outer loops before inner ones).</summary>
    public IReadOnlyList<Loop<TBlock>> Loops { get; }

    /// <summary>The dominator tree the loops were found with; null when the graph has no cycle (none was needed).</summary>
    public DominatorTree<TBlock>? Dominators { get; }

    /// <summary>The outermost loops.</summary>
    public IEnumerable<Loop<TBlock>> TopLevel => Loops.Where(l => l.Parent is null);

    /// <summary>False when some cycle can be entered at more than one block.</summary>
    public bool IsReducible { get; }

    internal static LoopForest<TBlock> Compute(IFlowGraph<TBlock> graph)
    {
        // Every cycle has a back edge in a depth-first search: without one (most filters) there is
        // no loop and no need for dominators.
        var backEdges = new List<FlowEdge<TBlock>>();
        DepthFirstOrder.ReversePostOrder(graph, backEdges);
        if (backEdges.Count == 0)
        {
            return new LoopForest<TBlock>(_ => -1, [], [], isReducible: true, dominators: null);
        }
        var dom = DominatorTree.Compute(graph);
        var rpo = dom.ReversePostOrder;
        var loops = new List<Loop<TBlock>>();
        var reducible = true;
        var latches = new List<int>();
        for (var h = 0; h < rpo.Count; h++)
        {
            latches.Clear();
            for (var k = 0; k < graph.InDegree(rpo[h]); k++)
            {
                var t = dom.RpoNumber(graph.Predecessor(rpo[h], k));
                if (t < h || latches.Contains(t))
                {
                    continue; // a forward edge, from dead code, or a second edge from one latch
                }
                if (dom.Dominates(rpo[h], rpo[t]))
                {
                    latches.Add(t);
                }
                else
                {
                    reducible = false;
                }
            }
            if (latches.Count > 0)
            {
                loops.Add(Build(graph, dom, h, latches));
            }
        }
        var innermost = new Loop<TBlock>?[rpo.Count];
        foreach (var loop in loops)
        {
            // Loops come outer first, so the last loop written for a block is the innermost one.
            foreach (var b in loop.Blocks)
            {
                var enclosing = innermost[dom.RpoNumber(b)];
                if (b == loop.Header && enclosing is not null)
                {
                    loop.SetParent(enclosing);
                }
                innermost[dom.RpoNumber(b)] = loop;
            }
        }
        return new LoopForest<TBlock>(dom.RpoNumber, loops, innermost, reducible, dom);
    }

    // Members are numbered by reverse post-order, so the set's ascending order is the loop's block order.
    private static Loop<TBlock> Build(IFlowGraph<TBlock> graph, DominatorTree<TBlock> dom, int h, List<int> latches)
    {
        var rpo = dom.ReversePostOrder;
        var members = new BitSet(rpo.Count);
        members.Add(h);
        var work = new Stack<int>(latches);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (members.Add(b))
            {
                for (var k = 0; k < graph.InDegree(rpo[b]); k++)
                {
                    var p = dom.RpoNumber(graph.Predecessor(rpo[b], k));
                    if (p >= 0)
                    {
                        work.Push(p);
                    }
                }
            }
        }
        var blocks = members.Elements().Select(b => rpo[b]).ToList();
        var latchBlocks = latches.Order().Select(b => rpo[b]).ToList();
        return new Loop<TBlock>(rpo[h], latchBlocks, blocks, members, dom.RpoNumber);
    }

    /// <summary>The innermost loop containing <paramref name="block"/>, or null.</summary>
    public Loop<TBlock>? InnermostLoop(TBlock block) => _rpoNumber(block) is >= 0 and var i ? _innermost[i] : null;

    /// <summary>Number of loops containing <paramref name="block"/> (0 outside every loop).</summary>
    public int LoopDepth(TBlock block) => InnermostLoop(block)?.Depth ?? 0;

    /// <summary>True when <paramref name="block"/> is the header of a loop.</summary>
    public bool IsHeader(TBlock block) => InnermostLoop(block) is { } l && l.Header == block;

    /// <summary>True when the edge <paramref name="from"/> -&gt; <paramref name="to"/> returns to the header of a loop.</summary>
    public bool IsBackEdge(TBlock from, TBlock to) =>
        IsHeader(to) && InnermostLoop(to)!.Latches.Contains(from);
}
