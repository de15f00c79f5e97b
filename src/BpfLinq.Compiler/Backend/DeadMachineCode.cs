namespace BpfLinq.Compiler.Backend;

// Removes machine instructions whose results nothing reads. Instruction selection already skips
// dead IR, but its own folding can leave a selected operand unused: in "x / 0 == 0" the load of x
// is no longer needed, nor the context copy at the entry when the program never reads the
// context. Stores, calls and terminators stay; so do writes of physical registers (they feed
// calls and the exit). A use count per register and a worklist make it linear.

/// <summary>Deletes machine instructions without effect.</summary>
internal static class DeadMachineCode
{
    /// <summary>Removes dead instructions from <paramref name="function"/> (before numbering).</summary>
    public static void Remove(MachineFunction function)
    {
        var uses = new int[function.VRegCount];
        var definer = new (MachineBlock Block, MachineInstr Instr)?[function.VRegCount];
        foreach (var b in function.Blocks)
        {
            foreach (var i in b.AllInstrs())
            {
                foreach (var u in i.Uses)
                {
                    uses[u.Index]++;
                }
                if (IsRemovable(i))
                {
                    definer[i.Defs[0].Index] = (b, i);
                }
            }
            foreach (var edge in b.Succs)
            {
                foreach (var a in edge.Args)
                {
                    if (!a.IsImm)
                    {
                        uses[a.Reg.Index]++;
                    }
                }
            }
        }
        var work = new Stack<int>();
        for (var v = VReg.FirstVirtual; v < uses.Length; v++)
        {
            if (uses[v] == 0 && definer[v] is not null)
            {
                work.Push(v);
            }
        }
        var dead = new HashSet<MachineInstr>();
        while (work.Count > 0)
        {
            var (_, instr) = definer[work.Pop()]!.Value;
            if (!dead.Add(instr))
            {
                continue;
            }
            foreach (var u in instr.Uses)
            {
                if (--uses[u.Index] == 0 && definer[u.Index] is not null)
                {
                    work.Push(u.Index);
                }
            }
        }
        if (dead.Count > 0)
        {
            foreach (var b in function.Blocks)
            {
                b.Instrs.RemoveAll(dead.Contains);
            }
        }
    }

    // Pure, one virtual result.
    private static bool IsRemovable(MachineInstr i) =>
        i.Defs.Length == 1 && !i.Defs[0].IsPhysical
        && i.Opcode is not (MachineOpcode.Store or MachineOpcode.Call or MachineOpcode.AtomicAdd) && !i.IsTerminator;
}
