using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Register allocation by graph coloring with conservative coalescing, rounds of spilling, then
// phi resolution (Chaitin-Briggs as in Appel ch. 11; QBE's split of "make it fit" and "assign"
// becomes: color optimistically; whatever does not fit is spilled and the round repeats).
//
//   round:  Liveness -> InterferenceGraph -> Coalescing -> Assignment
//           failed classes?  Spilling: their registers move to memory (LiveRanges.Spill), repeat
//   then:   SlotAssignment (spilled registers that never live at once share a slot)
//           EdgeResolution (block parameters: parallel moves per edge, placed and sequentialised)
//
// The calling convention needs no special case: physical registers are precolored nodes, calls
// clobber r0-r5 (so values live across a call land in r6-r9 or on the stack), and the copies that
// instruction selection put around calls, the entry and the exit are coalesced away when the graph
// allows. Every round only adds spilled registers, and spill temporaries are never spilled, so the
// loop ends.
//
// Requires a numbered MachineFunction in SSA form. Returns decisions; the function is unchanged.

/// <summary>Allocates registers and stack slots for a machine function.</summary>
internal static class RegisterAllocator
{
    /// <summary>Allocates <paramref name="function"/>.</summary>
    /// <exception cref="InternalCompilerError">The allocator could not make progress (a bug).</exception>
    public static Allocation Allocate(MachineFunction function)
    {
        var ranges = LiveRanges.Initial(function);
        InterferenceGraph? original = null;
        for (var round = 1; ; round++)
        {
            var liveness = Liveness.Compute(ranges);
            var graph = InterferenceGraph.Build(ranges, liveness);
            original ??= graph; // registers' own interference, for sharing slots
            var coalescing = Coalescing.Run(ranges, graph);
            var colors = new int[ranges.Count];
            var failed = Assignment.Run(coalescing, colors);
            if (failed.Count == 0)
            {
                return Finish(ranges, liveness, colors, round, original);
            }
            if (!Spilling.SpillClasses(ranges, coalescing, failed))
            {
                throw new InternalCompilerError("register allocation", function.Name,
                    $"round {round}: nothing left to spill for {failed.Count} uncolorable classes", function.ToString());
            }
        }
    }

    private static Allocation Finish(LiveRanges ranges, Liveness liveness, int[] colors, int rounds, InterferenceGraph original)
    {
        var f = ranges.Function;
        var slots = SlotAssignment.Assign(ranges, original);
        var allocation = new Allocation(f.InstrCount, f.Blocks.Count, f.VRegCount) { Rounds = rounds, SlotCount = slots.Count };
        Location Node(int node) => Location.In(Assignment.RegisterOf(colors[node]));
        for (var r = 0; r < VReg.PhysicalCount; r++)
        {
            allocation.Homes[r] = Node(r);
        }
        foreach (var b in f.Blocks)
        {
            foreach (var i in b.AllInstrs())
            {
                var k = i.Index;
                allocation.Uses[k] = Registers(ranges.UseNodes[k], colors);
                allocation.Defs[k] = Registers(ranges.DefNodes[k], colors);
                allocation.Before[k] = ranges.Reloads[k] is { } reloads
                    ? [.. reloads.Select(r => new MoveStep(Node(r.Node), Location.Slot(slots.SlotOf(r.VReg))))]
                    : [];
                allocation.After[k] = ranges.Stores[k] is { } stores
                    ? [.. stores.Select(s => new MoveStep(Location.Slot(slots.SlotOf(s.VReg)), Node(s.Node)))]
                    : [];
                for (var d = 0; d < i.Defs.Length; d++)
                {
                    Home(allocation, ranges, slots, colors, i.Defs[d]);
                }
            }
            allocation.Params[b.Id] = new Location[b.Params.Count];
            for (var p = 0; p < b.Params.Count; p++)
            {
                allocation.Params[b.Id][p] = Home(allocation, ranges, slots, colors, b.Params[p]);
            }
        }
        EdgeResolution.Resolve(ranges, liveness, allocation, () => slots.Reserve());
        allocation.SlotCount = slots.Count;
        return allocation;
    }

    // The registers of operand nodes.
    private static Location[] Registers(int[] nodes, int[] colors)
    {
        var locations = new Location[nodes.Length];
        for (var k = 0; k < nodes.Length; k++)
        {
            locations[k] = Location.In(Assignment.RegisterOf(colors[nodes[k]]));
        }
        return locations;
    }

    private static Location Home(Allocation allocation, LiveRanges ranges, SlotAssignment slots, int[] colors, VReg reg)
    {
        var home = ranges.IsSpilled(reg)
            ? Location.Slot(slots.SlotOf(reg))
            : Location.In(Assignment.RegisterOf(colors[reg.Index]));
        allocation.Homes[reg.Index] = home;
        return home;
    }
}
