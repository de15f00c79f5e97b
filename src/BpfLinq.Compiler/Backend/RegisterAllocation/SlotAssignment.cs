namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Stack slots for spilled registers: greedy coloring of the spilled registers' interference (taken
// from the original, unspilled program, where a spilled register's slot is live exactly where the
// register was). A block parameter prefers the slot of an argument passed to it, or the reverse,
// so that the edge move disappears. Slots are 8 bytes; FrameLayout turns indices into offsets.

/// <summary>Slot indices of the spilled registers, plus emergency slots reserved later.</summary>
internal sealed class SlotAssignment
{
    private readonly Dictionary<int, int> _slotOf = [];

    private SlotAssignment()
    {
    }

    /// <summary>Slots in use.</summary>
    public int Count { get; private set; }

    /// <summary>The slot of a spilled register.</summary>
    public int SlotOf(VReg reg) => _slotOf[reg.Index];

    /// <summary>Reserves one more slot (for the moves' emergencies) and returns it.</summary>
    public int Reserve() => Count++;

    /// <summary>
    /// Assigns slots to the registers <paramref name="ranges"/> has spilled, given the interference
    /// graph of the first round (before any spilling: nodes are the registers themselves).
    /// </summary>
    public static SlotAssignment Assign(LiveRanges ranges, InterferenceGraph graph)
    {
        var result = new SlotAssignment();
        var spilled = ranges.SpilledRegisters().ToList();
        if (spilled.Count == 0)
        {
            return result;
        }
        var partners = new Dictionary<int, List<int>>();
        foreach (var a in graph.Affinities)
        {
            if (ranges.IsSpilled(new VReg(a.A)) && ranges.IsSpilled(new VReg(a.B)))
            {
                Add(partners, a.A, a.B);
                Add(partners, a.B, a.A);
            }
        }
        var used = new HashSet<int>();
        foreach (var reg in spilled)
        {
            used.Clear();
            foreach (var t in graph.Neighbors(reg))
            {
                if (result._slotOf.TryGetValue(t.Index, out var s))
                {
                    used.Add(s);
                }
            }
            var slot = -1;
            if (partners.TryGetValue(reg.Index, out var list))
            {
                foreach (var p in list)
                {
                    if (result._slotOf.TryGetValue(p, out var s) && !used.Contains(s))
                    {
                        slot = s;
                        break;
                    }
                }
            }
            if (slot < 0)
            {
                slot = 0;
                while (used.Contains(slot))
                {
                    slot++;
                }
            }
            result._slotOf[reg.Index] = slot;
            result.Count = Math.Max(result.Count, slot + 1);
        }
        return result;
    }

    private static void Add(Dictionary<int, List<int>> map, int key, int value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }
}
