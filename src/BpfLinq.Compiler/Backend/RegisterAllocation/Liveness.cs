using BpfLinq.Compiler.Analysis;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Liveness of allocation nodes at block boundaries, solved by the IR's framework
// (LivenessDataflow): out(b) = ∪ over edges e = b -> s: in(s) ∪ args(e), where in(s) never holds
// params(s) because a block kills its parameters. Block parameters are defined at the top of their block;
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
        var edgeUses = new BitSet[count];
        for (var i = 0; i < count; i++)
        {
            gen[i] = new BitSet(ranges.Count);
            kill[i] = new BitSet(ranges.Count);
            edgeUses[i] = new BitSet(ranges.Count);
            Summarize(ranges, f.Blocks[i], gen[i], kill[i]);
            foreach (var args in ranges.ArgNodes[i])
            {
                foreach (var a in args)
                {
                    if (a >= 0)
                    {
                        edgeUses[i].Add(a);
                    }
                }
            }
        }
        // Instruction selection creates the blocks in the IR's reverse post-order (forwarders left
        // out, which keeps it one), so no search is needed: backwards, it is a post-order, the
        // order in which the backward problem settles fastest. The solution does not depend on it.
        var order = Enumerable.Reverse(f.Blocks);
        var (liveIn, liveOut) = LivenessDataflow.Solve(f, order, ranges.Count, gen, kill, edgeUses);
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
