namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Phi resolution: on each edge, the successor's parameters receive the edge's arguments at once, a
// parallel move from the arguments' homes (or constants) to the parameters' homes. Where it goes:
//   * the predecessor has one successor:   at its end, before the jump;
//   * the successor has one predecessor:   at its start;
//   * a critical edge: speculated into the predecessor, before its branch, when every move writes
//     a register that the branch does not read and that holds nothing live on the other edges
//     (clang's "w0 = -1; if w1 < 6 goto exit": no block, no jump); at most one edge per branch, as
//     the moves of a second would land on the first's path;
//   * otherwise in a block of its own on the edge (split).
// Then ParallelMoves orders the moves, given the registers live at that point.

/// <summary>Computes the moves of every edge.</summary>
internal static class EdgeResolution
{
    /// <summary>Fills <see cref="Allocation.Edges"/>.</summary>
    public static void Resolve(LiveRanges ranges, Liveness liveness, Allocation allocation, Func<int> reserveSlot)
    {
        var f = ranges.Function;
        var emergency = new int[] { -1, -1 };
        Func<int, int> emergencySlot = k => emergency[k] >= 0 ? emergency[k] : emergency[k] = reserveSlot(); // one delegate, not one per edge
        var moves = new List<MoveStep>();
        var steps = new List<MoveStep>();
        foreach (var b in f.Blocks)
        {
            var edges = allocation.Edges[b.Id] = new EdgeMoves?[b.Succs.Length];
            var speculated = false;
            for (var t = 0; t < b.Succs.Length; t++)
            {
                var target = b.Succs[t].Target;
                moves.Clear();
                var args = b.Succs[t].Args;
                var needed = false;
                for (var k = 0; k < args.Length; k++)
                {
                    var source = args[k].IsImm ? Location.Constant(args[k].Imm) : allocation.Homes[args[k].Reg.Index];
                    var destination = allocation.Params[target.Id][k];
                    needed |= source != destination;
                    moves.Add(new MoveStep(destination, source)); // identities too: they pin their register
                }
                if (!needed)
                {
                    continue;
                }
                EdgePlacement placement;
                int busy;
                if (b.Succs.Length == 1)
                {
                    placement = EdgePlacement.PredecessorEnd;
                    busy = LiveThrough(ranges, liveness, allocation, target);
                }
                else if (target.Preds.Count == 1)
                {
                    placement = EdgePlacement.SuccessorStart;
                    busy = LiveThrough(ranges, liveness, allocation, target);
                }
                else if (!speculated && CanSpeculate(ranges, liveness, allocation, b, t, moves, out busy))
                {
                    placement = EdgePlacement.PredecessorEnd;
                    speculated = true;
                }
                else
                {
                    placement = EdgePlacement.Split;
                    busy = LiveThrough(ranges, liveness, allocation, target);
                }
                steps.Clear();
                ParallelMoves.Sequentialize(moves, busy, emergencySlot, steps);
                edges[t] = new EdgeMoves(placement, [.. steps]);
            }
        }
    }

    // Registers holding values live into `target` other than its parameters.
    private static int LiveThrough(LiveRanges ranges, Liveness liveness, Allocation allocation, MachineBlock target)
    {
        var mask = 0;
        foreach (var n in liveness.LiveIn(target.Id))
        {
            if (Array.IndexOf(ranges.ParamNodes[target.Id], n) < 0)
            {
                mask |= RegisterBit(allocation, ranges, n);
            }
        }
        return mask;
    }

    private static bool CanSpeculate(LiveRanges ranges, Liveness liveness, Allocation allocation, MachineBlock b, int edge, List<MoveStep> moves, out int busy)
    {
        // Everything the branch or any other path still needs at the end of b.
        busy = 0;
        foreach (var loc in allocation.Uses[b.Terminator.Index])
        {
            busy |= 1 << (int)loc.Reg;
        }
        for (var t = 0; t < b.Succs.Length; t++)
        {
            busy |= LiveThrough(ranges, liveness, allocation, b.Succs[t].Target);
            if (t != edge)
            {
                foreach (var a in b.Succs[t].Args)
                {
                    if (!a.IsImm && allocation.Homes[a.Reg.Index].IsRegister)
                    {
                        busy |= 1 << (int)allocation.Homes[a.Reg.Index].Reg;
                    }
                }
            }
        }
        foreach (var m in moves)
        {
            if (m.Destination == m.Source)
            {
                continue;
            }
            if (!m.Destination.IsRegister || (busy & (1 << (int)m.Destination.Reg)) != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static int RegisterBit(Allocation allocation, LiveRanges ranges, int node)
    {
        var home = allocation.Homes[ranges.Origin(node).Index];
        return home.IsRegister ? 1 << (int)home.Reg : 0;
    }
}
