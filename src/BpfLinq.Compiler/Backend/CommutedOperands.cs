using BpfLinq.Compiler.Backend.RegisterAllocation;

namespace BpfLinq.Compiler.Backend;

// A tied operation (dst op= src) is free when its first source dies there: the result takes over
// that register. For a commutative one (add, mul, and, or, xor) whose first source lives on but
// whose second dies, exchanging them saves the copy the emitter would otherwise insert:
//   %3 = add %1, %2   (%1 used later, %2 not)   ->   %3 = add %2, %1
// Requires a numbered MachineFunction; uses liveness of the unallocated registers.

/// <summary>Orders the sources of commutative operations so the dying one is tied to the result.</summary>
internal static class CommutedOperands
{
    /// <summary>Rewrites <paramref name="function"/> in place.</summary>
    public static void Apply(MachineFunction function)
    {
        if (!function.Blocks.Exists(b => b.Instrs.Exists(i => i.IsCommutative)))
        {
            return;
        }
        var ranges = LiveRanges.Initial(function);
        var liveness = Liveness.Compute(ranges);
        var live = new LiveSet(ranges.Count);
        foreach (var b in function.Blocks)
        {
            live.Reset(liveness.LiveOut[b.Id]);
            foreach (var u in b.Terminator.Uses)
            {
                live.Add(u.Index);
            }
            for (var k = b.Instrs.Count - 1; k >= 0; k--)
            {
                var i = b.Instrs[k];
                foreach (var d in i.Defs)
                {
                    live.Remove(d.Index);
                }
                if (i.Opcode == MachineOpcode.Call)
                {
                    foreach (var c in LiveRanges.CallClobbers())
                    {
                        live.Remove(c);
                    }
                }
                if (i.IsCommutative && live.Contains(i.Uses[0].Index) && !live.Contains(i.Uses[1].Index))
                {
                    i.SwapSources();
                }
                foreach (var u in i.Uses)
                {
                    live.Add(u.Index);
                }
            }
        }
    }
}
