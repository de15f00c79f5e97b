using System.Text;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>
/// The allocator's decisions, separate from the program they apply to (regalloc2's output): where
/// each operand of each instruction is read or written, where each block parameter lives, and the
/// moves inserted around instructions (spill code) and on edges (phi resolution). The emitter
/// applies them mechanically; <see cref="AllocationChecker"/> replays them symbolically.
/// </summary>
internal sealed class Allocation
{
    /// <summary>Creates an allocation for a function with <paramref name="instrCount"/> instructions and <paramref name="blockCount"/> blocks.</summary>
    public Allocation(int instrCount, int blockCount, int vregCount)
    {
        Uses = new Location[instrCount][];
        Defs = new Location[instrCount][];
        Before = new MoveStep[instrCount][];
        After = new MoveStep[instrCount][];
        Params = new Location[blockCount][];
        Edges = new EdgeMoves?[blockCount][];
        Homes = new Location[vregCount];
    }

    /// <summary>Where each use operand is read (always a register), by instruction index.</summary>
    public Location[][] Uses { get; }

    /// <summary>Where each def operand is written (always a register), by instruction index.</summary>
    public Location[][] Defs { get; }

    /// <summary>Moves before each instruction (reloads), by instruction index; empty when none.</summary>
    public MoveStep[][] Before { get; }

    /// <summary>Moves after each instruction (spill stores), by instruction index; empty when none.</summary>
    public MoveStep[][] After { get; }

    /// <summary>Where each block parameter lives on entry (a register or a slot), by block id.</summary>
    public Location[][] Params { get; }

    /// <summary>The moves of each edge (block id, target index); null when the edge needs none.</summary>
    public EdgeMoves?[][] Edges { get; }

    /// <summary>Where each register lives between its uses: a register, a slot when spilled, none when unused.</summary>
    public Location[] Homes { get; }

    /// <summary>Number of 8-byte stack slots used (spills and emergency slots).</summary>
    public int SlotCount { get; set; }

    /// <summary>Number of allocation rounds (1 when nothing was spilled).</summary>
    public int Rounds { get; set; }

    /// <summary>The function's instructions annotated with their operands' locations and the inserted moves.</summary>
    public string Print(MachineFunction function)
    {
        var sb = new StringBuilder();
        foreach (var b in function.Blocks)
        {
            sb.Append(b);
            if (b.Params.Count > 0)
            {
                sb.Append('(').AppendJoin(", ", b.Params.Select((p, k) => $"{p}:{Params[b.Id][k]}")).Append(')');
            }
            sb.Append(":\n");
            foreach (var i in b.AllInstrs())
            {
                foreach (var m in Before[i.Index])
                {
                    sb.Append("    ").Append(m).Append('\n');
                }
                sb.Append("  ").Append(i).Append("   ; ");
                sb.AppendJoin(" ", i.Defs.Select((d, k) => $"{d}:{Defs[i.Index][k]}"));
                sb.Append(i.Defs.Length > 0 ? " <- " : "").AppendJoin(" ", i.Uses.Select((u, k) => $"{u}:{Uses[i.Index][k]}"));
                sb.Append('\n');
                foreach (var m in After[i.Index])
                {
                    sb.Append("    ").Append(m).Append('\n');
                }
            }
            for (var t = 0; t < b.Succs.Length; t++)
            {
                if (Edges[b.Id][t] is { } e)
                {
                    sb.Append("  edge ").Append(t).Append(" -> ").Append(b.Succs[t].Target).Append(' ')
                        .Append(e.Placement).Append(": ").AppendJoin(", ", e.Steps).Append('\n');
                }
            }
        }
        return sb.ToString();
    }
}
