using BpfLinq.Compiler.Backend.RegisterAllocation;

namespace BpfLinq.Compiler.Backend;

// A tied operation (dst op= src) is free only when its first source dies there: then the result
// takes that register. When the source is still read further down the same block, the operation
// sinks below its last reader (it is pure, and nothing in between reads its result), so the copy
// disappears. Loop bodies are where it pays: the IR says
//     %4 = add %1, 1        ; needs "r1 = r2; r1 += 1" since %1 is read next
//     %5 = add %2, %1
// and after sinking %4 below %5, "r0 += r2; r2 += 1" needs no copy at all, nor the phi move back.
// Commutative operations whose second source dies are left alone (the allocator ties either
// source); nothing sinks past a call (the second source would then have to survive it), and a
// source that lives beyond the block gains nothing.
//
// Requires a numbered MachineFunction; renumbers it.

/// <summary>Sinks tied operations below the remaining readers of their first source.</summary>
internal static class TiedSinking
{
    /// <summary>Reorders instructions of <paramref name="function"/> in place.</summary>
    public static void Apply(MachineFunction function)
    {
        if (!function.Blocks.Exists(HasCandidate))
        {
            return;
        }
        var ranges = LiveRanges.Initial(function);
        var liveness = Liveness.Compute(ranges);
        var lastUse = new Dictionary<int, int>();
        var firstUse = new Dictionary<int, int>();
        foreach (var b in function.Blocks)
        {
            if (HasCandidate(b))
            {
                Sink(b, liveness, lastUse, firstUse);
            }
        }
        function.Number();
    }

    private static void Sink(MachineBlock b, Liveness liveness, Dictionary<int, int> lastUse, Dictionary<int, int> firstUse)
    {
        var instrs = b.Instrs;
        lastUse.Clear();
        firstUse.Clear();
        var callsBefore = new int[instrs.Count + 1];
        for (var k = 0; k < instrs.Count; k++)
        {
            callsBefore[k + 1] = callsBefore[k] + (instrs[k].Opcode == MachineOpcode.Call ? 1 : 0);
            foreach (var u in instrs[k].Uses)
            {
                lastUse[u.Index] = k;
                firstUse.TryAdd(u.Index, k);
            }
        }
        var keys = new long[instrs.Count];
        var moved = false;
        for (var k = 0; k < instrs.Count; k++)
        {
            keys[k] = 2L * k;
            var i = instrs[k];
            if (!IsSinkable(i) || liveness.IsLiveOut(b.Id, i.Uses[0].Index) || !lastUse.TryGetValue(i.Uses[0].Index, out var j) || j <= k)
            {
                continue;
            }
            if (i.IsCommutative && !liveness.IsLiveOut(b.Id, i.Uses[1].Index) && lastUse[i.Uses[1].Index] == k)
            {
                continue; // the second source dies here: the allocator ties that one
            }
            var readsResult = firstUse.TryGetValue(i.Defs[0].Index, out var f) && f <= j;
            if (!readsResult && callsBefore[j + 1] == callsBefore[k + 1])
            {
                keys[k] = (2L * j) + 1; // right after the last reader
                moved = true;
            }
        }
        if (moved)
        {
            var order = Enumerable.Range(0, instrs.Count).OrderBy(k => keys[k]).ThenBy(k => k).Select(k => instrs[k]).ToList();
            instrs.Clear();
            instrs.AddRange(order);
        }
    }

    // True when some tied operation's first source is read again later in the block (linear).
    private static bool HasCandidate(MachineBlock b)
    {
        Dictionary<int, int>? remaining = null;
        foreach (var i in b.Instrs)
        {
            if (IsSinkable(i))
            {
                if (remaining is null)
                {
                    remaining = [];
                    foreach (var x in b.Instrs)
                    {
                        foreach (var u in x.Uses)
                        {
                            remaining[u.Index] = remaining.GetValueOrDefault(u.Index) + 1;
                        }
                    }
                }
                if (remaining[i.Uses[0].Index] > 1)
                {
                    return true;
                }
            }
            if (remaining is not null)
            {
                foreach (var u in i.Uses)
                {
                    remaining[u.Index]--;
                }
            }
        }
        return false;
    }

    private static bool IsSinkable(MachineInstr i) => i.IsTied && !i.Uses[0].IsPhysical && !i.Defs[0].IsPhysical;
}
