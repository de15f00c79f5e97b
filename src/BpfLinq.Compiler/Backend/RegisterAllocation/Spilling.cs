namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Choosing what goes to memory after a failed round. Assignment already picked the victims (the
// classes cheapest per neighbour that then found no register); here every register of such a class
// moves to memory. Its definitions store to its slot right after, its uses reload right before
// (Chaitin's "spill everywhere"): short temporaries that the next round colors easily. Memory
// traffic is 8 bytes wide always, so a spilled pointer keeps its type for the verifier.

/// <summary>Spills the registers of uncolorable classes.</summary>
internal static class Spilling
{
    /// <summary>
    /// Spills every spillable register in the classes <paramref name="failed"/>; false when none
    /// had one (only temporaries or physical registers), which means no progress is possible.
    /// </summary>
    public static bool SpillClasses(LiveRanges ranges, Coalescing coalescing, List<int> failed)
    {
        var failedSet = new HashSet<int>(failed);
        var victims = new SortedSet<int>();
        for (var n = VReg.PhysicalCount; n < coalescing.Count; n++)
        {
            if (!ranges.IsTemporary(n) && failedSet.Contains(coalescing.Find(n)) && !ranges.IsSpilled(ranges.Origin(n)))
            {
                victims.Add(ranges.Origin(n).Index);
            }
        }
        foreach (var v in victims)
        {
            ranges.Spill(new VReg(v));
        }
        return victims.Count > 0;
    }
}
