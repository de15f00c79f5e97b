using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>
/// The program as one round of allocation sees it: which node (live range to color) each operand
/// occurrence is. Initially node == virtual register id (and nodes 0–9 are r0–r9). Spilling a
/// register gives each of its occurrences a fresh temporary node, reloaded from the slot before the
/// instruction or stored to it after; a spilled block parameter or edge argument has no node (-1):
/// the edge's moves read or write its slot directly. The instructions themselves never change, so
/// the result can be checked against the original program.
/// </summary>
internal sealed class LiveRanges
{
    private readonly List<VReg> _origin = [];
    private readonly bool[] _spilled;

    private LiveRanges(MachineFunction function)
    {
        Function = function;
        for (var i = 0; i < function.VRegCount; i++)
        {
            _origin.Add(new VReg(i));
        }
        _spilled = new bool[function.VRegCount];
        var n = function.InstrCount;
        UseNodes = new int[n][];
        DefNodes = new int[n][];
        Reloads = new List<SpillEdit>?[n];
        Stores = new List<SpillEdit>?[n];
        ParamNodes = new int[function.Blocks.Count][];
        ArgNodes = new int[function.Blocks.Count][][];
        foreach (var b in function.Blocks)
        {
            foreach (var i in b.Instrs)
            {
                UseNodes[i.Index] = Nodes(i.Uses);
                DefNodes[i.Index] = Nodes(i.Defs);
            }
            UseNodes[b.Terminator.Index] = Nodes(b.Terminator.Uses);
            DefNodes[b.Terminator.Index] = Nodes(b.Terminator.Defs);
            ParamNodes[b.Id] = Nodes(b.Params);
            var args = ArgNodes[b.Id] = new int[b.Succs.Length][];
            for (var t = 0; t < args.Length; t++)
            {
                var edge = b.Succs[t].Args;
                args[t] = new int[edge.Length];
                for (var k = 0; k < edge.Length; k++)
                {
                    args[t][k] = edge[k].IsImm ? -1 : edge[k].Reg.Index;
                }
            }
        }
    }

    // The node ids of registers (each register is its own node at first).
    private static int[] Nodes(IReadOnlyList<VReg> registers)
    {
        var nodes = new int[registers.Count];
        for (var k = 0; k < nodes.Length; k++)
        {
            nodes[k] = registers[k].Index;
        }
        return nodes;
    }

    /// <summary>The function being allocated.</summary>
    public MachineFunction Function { get; }

    /// <summary>Number of nodes (physical registers, virtual registers, temporaries).</summary>
    public int Count => _origin.Count;

    /// <summary>The node of each use operand, by instruction index.</summary>
    public int[][] UseNodes { get; }

    /// <summary>The node of each def operand, by instruction index.</summary>
    public int[][] DefNodes { get; }

    /// <summary>Reloads before each instruction (null when none).</summary>
    public List<SpillEdit>?[] Reloads { get; }

    /// <summary>Stores after each instruction (null when none).</summary>
    public List<SpillEdit>?[] Stores { get; }

    /// <summary>The node of each block parameter, -1 when it lives in its slot.</summary>
    public int[][] ParamNodes { get; }

    /// <summary>The node of each edge argument (block, target, argument); -1 for a constant or a slot.</summary>
    public int[][][] ArgNodes { get; }

    /// <summary>The starting state: every operand is its own register's node.</summary>
    public static LiveRanges Initial(MachineFunction function) => new(function);

    /// <summary>True for r0–r9, whose color is fixed.</summary>
    public static bool IsPrecolored(int node) => node < VReg.PhysicalCount;

    /// <summary>The register a node carries (the spilled register, for a temporary).</summary>
    public VReg Origin(int node) => _origin[node];

    /// <summary>True for a spill temporary, which must never be spilled again.</summary>
    public bool IsTemporary(int node) => node >= _spilled.Length;

    /// <summary>True when <paramref name="reg"/> lives in a stack slot.</summary>
    public bool IsSpilled(VReg reg) => _spilled[reg.Index];

    /// <summary>The spilled registers, in id order.</summary>
    public IEnumerable<VReg> SpilledRegisters()
    {
        for (var i = 0; i < _spilled.Length; i++)
        {
            if (_spilled[i])
            {
                yield return new VReg(i);
            }
        }
    }

    /// <summary>
    /// Moves <paramref name="reg"/> to memory: each instruction that reads it reloads it into a
    /// temporary first (one per instruction), each that writes it stores a temporary after.
    /// </summary>
    public void Spill(VReg reg)
    {
        if (reg.IsPhysical || _spilled[reg.Index])
        {
            throw new InvalidOperationException($"{reg} cannot be spilled");
        }
        _spilled[reg.Index] = true;
        foreach (var b in Function.Blocks)
        {
            foreach (var instr in b.AllInstrs())
            {
                var uses = UseNodes[instr.Index];
                var temp = -1;
                for (var k = 0; k < uses.Length; k++)
                {
                    if (instr.Uses[k] == reg)
                    {
                        if (temp < 0)
                        {
                            temp = NewTemporary(reg);
                            (Reloads[instr.Index] ??= []).Add(new SpillEdit(temp, reg));
                        }
                        uses[k] = temp;
                    }
                }
                var defs = DefNodes[instr.Index];
                for (var k = 0; k < defs.Length; k++)
                {
                    if (instr.Defs[k] == reg)
                    {
                        defs[k] = NewTemporary(reg);
                        (Stores[instr.Index] ??= []).Add(new SpillEdit(defs[k], reg));
                    }
                }
            }
            var parameters = ParamNodes[b.Id];
            for (var k = 0; k < parameters.Length; k++)
            {
                if (b.Params[k] == reg)
                {
                    parameters[k] = -1;
                }
            }
            for (var t = 0; t < b.Succs.Length; t++)
            {
                var args = b.Succs[t].Args;
                for (var k = 0; k < args.Length; k++)
                {
                    if (!args[k].IsImm && args[k].Reg == reg)
                    {
                        ArgNodes[b.Id][t][k] = -1;
                    }
                }
            }
        }
    }

    /// <summary>The physical registers a call overwrites, as nodes.</summary>
    public static IEnumerable<int> CallClobbers()
    {
        for (var r = 0; r <= CallingConvention.LastClobbered; r++)
        {
            yield return r;
        }
    }

    /// <summary>The register of a precolored node.</summary>
    public static Reg RegisterOf(int precolored) => (Reg)precolored;

    private int NewTemporary(VReg reg)
    {
        _origin.Add(reg);
        return _origin.Count - 1;
    }
}
