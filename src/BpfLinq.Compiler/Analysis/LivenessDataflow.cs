using BpfLinq.Compiler.Graphs;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// The liveness equations both levels solve, once over <see cref="IFlowGraph{TBlock}"/>:
/// <code>
///   in(b)  = gen(b) ∪ (out(b) − kill(b))
///   out(b) = edgeUses(b) ∪ (∪ over successors s: in(s))
/// </code>
/// iterated in the given order (post-order converges fastest) to the least fixed point. A level
/// describes its blocks by set indices: gen is what a block uses before defining it, kill what it
/// defines (phis or block parameters included, so they are never live into their block), edgeUses
/// what its out-edges carry to successors' phis or parameters.
/// </summary>
internal static class LivenessDataflow
{
    /// <summary>Live-in and live-out sets, indexed by <see cref="IFlowGraph{TBlock}.IndexOf"/>.</summary>
    public static (BitSet[] LiveIn, BitSet[] LiveOut) Solve<TBlock>(
        IFlowGraph<TBlock> graph, IEnumerable<TBlock> order, int capacity, BitSet[] gen, BitSet[] kill, BitSet[] edgeUses)
        where TBlock : class
    {
        var count = graph.Nodes.Count;
        var liveIn = new BitSet[count];
        var liveOut = new BitSet[count];
        for (var i = 0; i < count; i++)
        {
            liveIn[i] = new BitSet(capacity);
            liveOut[i] = new BitSet(capacity);
        }
        var indices = order.Select(graph.IndexOf).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var i in indices)
            {
                var block = graph.Nodes[i];
                var live = liveOut[i];
                live.UnionWith(edgeUses[i]);
                for (var k = 0; k < graph.OutDegree(block); k++)
                {
                    live.UnionWith(liveIn[graph.IndexOf(graph.OutEdge(block, k).Target)]);
                }
                changed |= liveIn[i].SetToTransfer(gen[i], live, kill[i]);
            }
        }
        return (liveIn, liveOut);
    }
}
