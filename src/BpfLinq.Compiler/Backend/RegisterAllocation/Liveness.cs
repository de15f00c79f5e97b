using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Graphs;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Liveness of allocation nodes at block boundaries: the classic backward dataflow
//   in(b)  = gen(b) ∪ (out(b) − kill(b))
//   out(b) = ∪ over edges e = b -> s:  (in(s) − params(s)) ∪ args(e)
// iterated in post-order to a fixed point. Block parameters are defined at the top of their block;
// edge arguments are used at the end of the predecessor, on their edge only (SSA liveness with
// phis as block parameters). Spill temporaries are ordinary nodes defined by their reload or used
// by their store.

/// <summary>Live-in and live-out node sets of each block for one <see cref="LiveRanges"/> state.</summary>
internal sealed class Liveness
{
    private Liveness(BitSet[] liveIn, BitSet[] liveOut)
    {
        LiveIn = liveIn;
        LiveOut = liveOut;
    }

    /// <summary>Nodes live on entry to each block (after its parameters are bound), by block id.</summary>
    public BitSet[] LiveIn { get; }

    /// <summary>Nodes live at the end of each block (edge arguments included), by block id.</summary>
    public BitSet[] LiveOut { get; }

    /// <summary>Computes liveness.</summary>
    public static Liveness Compute(LiveRanges ranges)
    {
        var f = ranges.Function;
        var count = f.Blocks.Count;
        var gen = new BitSet[count];
        var kill = new BitSet[count];
        var liveIn = new BitSet[count];
        var liveOut = new BitSet[count];
        for (var i = 0; i < count; i++)
        {
            gen[i] = new BitSet(ranges.Count);
            kill[i] = new BitSet(ranges.Count);
            liveIn[i] = new BitSet(ranges.Count);
            liveOut[i] = new BitSet(ranges.Count);
            Summarize(ranges, f.Blocks[i], gen[i], kill[i]);
        }
        var order = DepthFirstOrder.ReversePostOrder(f);
        order.Reverse();
        var edgeSet = new BitSet(ranges.Count);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var b in order)
            {
                foreach (var edge in b.Succs)
                {
                    edgeSet.CopyFrom(liveIn[edge.Target.Id]);
                    foreach (var p in ranges.ParamNodes[edge.Target.Id])
                    {
                        if (p >= 0)
                        {
                            edgeSet.Remove(p);
                        }
                    }
                    liveOut[b.Id].UnionWith(edgeSet);
                }
                var targets = ranges.ArgNodes[b.Id];
                for (var t = 0; t < targets.Length; t++)
                {
                    foreach (var a in targets[t])
                    {
                        if (a >= 0)
                        {
                            liveOut[b.Id].Add(a);
                        }
                    }
                }
                changed |= liveIn[b.Id].SetToTransfer(gen[b.Id], liveOut[b.Id], kill[b.Id]);
            }
        }
        return new Liveness(liveIn, liveOut);
    }

    // gen: used before any definition in the block; kill: defined in the block (parameters too).
    private static void Summarize(LiveRanges ranges, MachineBlock b, BitSet gen, BitSet kill)
    {
        void Def(int n)
        {
            gen.Remove(n);
            kill.Add(n);
        }
        var instrs = b.Instrs;
        for (var k = instrs.Count; k >= 0; k--)
        {
            var instr = k == instrs.Count ? b.Terminator : instrs[k];
            var i = instr.Index;
            if (ranges.Stores[i] is { } stores)
            {
                foreach (var s in stores)
                {
                    gen.Add(s.Node);
                }
            }
            foreach (var d in ranges.DefNodes[i])
            {
                Def(d);
            }
            if (instr.Opcode == MachineOpcode.Call)
            {
                foreach (var c in LiveRanges.CallClobbers())
                {
                    Def(c);
                }
            }
            foreach (var u in ranges.UseNodes[i])
            {
                gen.Add(u);
            }
            if (ranges.Reloads[i] is { } reloads)
            {
                foreach (var r in reloads)
                {
                    Def(r.Node);
                }
            }
        }
        foreach (var p in ranges.ParamNodes[b.Id])
        {
            if (p >= 0)
            {
                Def(p);
            }
        }
    }
}
