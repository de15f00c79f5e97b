using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// The interference graph of one allocation round (Chaitin; Appel's "Modern Compiler
// Implementation", ch. 11), built in one backward walk per block from live-out:
//   * a definition interferes with everything live after it, except, for a copy, its source
//     (both hold the same value, so they may share a register);
//   * a call's clobbers (r0–r5) interfere with everything live across the call, which is how
//     values that survive a call end up in r6–r9 or on the stack;
//   * a tied operation (dst op= src) writes its result before reading its second source, so the
//     result interferes with that source, unless the operation is commutative: then the emitter
//     ties whichever source shares the result's register;
//   * a reload's temporary interferes with what is live where it is loaded;
//   * block parameters are defined together at the top: they interfere with each other and with
//     the block's live-in values.
// The same walk collects affinities (copies, ties, parameter/argument pairs) and spill costs
// (occurrences weighted by 10^loop depth).

/// <summary>Interference edges, affinities and spill costs of the nodes of one <see cref="LiveRanges"/> state.</summary>
internal sealed partial class InterferenceGraph
{
    // Small graphs (the common case) keep edges in a bit matrix; large ones in a hash set.
    private const int MatrixLimit = 512;

    private readonly HashSet<long>? _edges;
    private readonly ulong[]? _matrix;
    private readonly List<VReg>[] _adjacency;

    private InterferenceGraph(int count)
    {
        if (count <= MatrixLimit)
        {
            _matrix = new ulong[((count * count) + 63) >> 6];
        }
        else
        {
            _edges = new HashSet<long>(PairComparer.Instance);
        }
        _adjacency = new List<VReg>[count];
        for (var i = 0; i < count; i++)
        {
            _adjacency[i] = [];
        }
        SpillCost = new double[count];
    }

    /// <summary>Number of nodes.</summary>
    public int Count => _adjacency.Length;

    /// <summary>Pairs that would rather share a register.</summary>
    public List<Affinity> Affinities { get; } = [];

    /// <summary>Cost of spilling each node: its occurrences weighted by loop depth.</summary>
    public double[] SpillCost { get; }

    /// <summary>The registers that interfere with <paramref name="node"/>.</summary>
    public IReadOnlyList<VReg> Neighbors(VReg node) => _adjacency[node.Index];

    /// <summary>True when the two registers may not share a register.</summary>
    public bool Interferes(VReg a, VReg b) => Interferes(a.Index, b.Index);

    private bool Interferes(int a, int b) =>
        a != b && (_matrix is { } m ? (m[Bit(a, b) >> 6] & (1UL << Bit(a, b))) != 0 : _edges!.Contains(Key(a, b)));

    // Adds an edge (ignored between a node and itself, or two physical registers).
    private void AddEdge(int a, int b)
    {
        if (a == b || (LiveRanges.IsPrecolored(a) && LiveRanges.IsPrecolored(b)))
        {
            return;
        }
        bool added;
        if (_matrix is { } m)
        {
            var bit = Bit(a, b);
            added = (m[bit >> 6] & (1UL << bit)) == 0;
            m[bit >> 6] |= 1UL << bit;
        }
        else
        {
            added = _edges!.Add(Key(a, b));
        }
        if (added)
        {
            _adjacency[a].Add(new VReg(b));
            _adjacency[b].Add(new VReg(a));
        }
    }

    /// <summary>Builds the graph.</summary>
    public static InterferenceGraph Build(LiveRanges ranges, Liveness liveness)
    {
        var graph = new InterferenceGraph(ranges.Count);
        var live = new LiveSet(ranges.Count);
        foreach (var b in ranges.Function.Blocks)
        {
            graph.WalkBlock(ranges, b, liveness.LiveOut(b.Id), live);
        }
        return graph;
    }

    private void WalkBlock(LiveRanges ranges, MachineBlock b, ReadOnlySpan<int> liveOut, LiveSet live)
    {
        var weight = Math.Pow(10, Math.Min(b.LoopDepth, 8));
        live.Reset(liveOut);
        for (var t = 0; t < b.Succs.Length; t++)
        {
            var args = ranges.ArgNodes[b.Id][t];
            var parameters = ranges.ParamNodes[b.Succs[t].Target.Id];
            for (var k = 0; k < args.Length; k++)
            {
                Cost(args[k], weight);
                if (args[k] >= 0 && parameters[k] >= 0)
                {
                    Affinities.Add(new Affinity(parameters[k], args[k], weight));
                }
            }
        }
        for (var k = b.Instrs.Count; k >= 0; k--)
        {
            var instr = k == b.Instrs.Count ? b.Terminator : b.Instrs[k];
            var i = instr.Index;
            var uses = ranges.UseNodes[i];
            var defs = ranges.DefNodes[i];
            if (ranges.Stores[i] is { } stores)
            {
                foreach (var s in stores)
                {
                    live.Add(s.Node);
                }
            }
            var copySource = instr.Opcode == MachineOpcode.Copy ? uses[0] : -1;
            foreach (var d in defs)
            {
                Cost(d, weight);
                InterfereWithLive(d, live, copySource);
            }
            if (instr.Opcode == MachineOpcode.Call)
            {
                foreach (var c in LiveRanges.CallClobbers())
                {
                    InterfereWithLive(c, live, -1);
                }
            }
            if (instr.IsTied)
            {
                // A commutative operation can tie either source (the emitter picks), so its result
                // may share a register with either; any other must not overwrite its second source.
                Affinities.Add(new Affinity(defs[0], uses[0], weight));
                if (instr.IsCommutative)
                {
                    Affinities.Add(new Affinity(defs[0], uses[1], weight));
                }
                else if (uses.Length > 1 && uses[1] != uses[0])
                {
                    AddEdge(defs[0], uses[1]);
                }
            }
            else if (instr.Opcode == MachineOpcode.Copy)
            {
                Affinities.Add(new Affinity(defs[0], uses[0], weight));
            }
            foreach (var d in defs)
            {
                live.Remove(d);
            }
            if (instr.Opcode == MachineOpcode.Call)
            {
                foreach (var c in LiveRanges.CallClobbers())
                {
                    live.Remove(c);
                }
            }
            foreach (var u in uses)
            {
                Cost(u, weight);
                live.Add(u);
            }
            if (ranges.Reloads[i] is { } reloads)
            {
                for (var r = reloads.Count - 1; r >= 0; r--)
                {
                    InterfereWithLive(reloads[r].Node, live, -1);
                    live.Remove(reloads[r].Node);
                }
            }
        }
        var parameters2 = ranges.ParamNodes[b.Id];
        foreach (var p in parameters2)
        {
            if (p >= 0)
            {
                Cost(p, weight);
                InterfereWithLive(p, live, -1);
                foreach (var q in parameters2)
                {
                    if (q >= 0)
                    {
                        AddEdge(p, q);
                    }
                }
            }
        }
    }

    private void InterfereWithLive(int def, LiveSet live, int except)
    {
        if (live.Count > MaxLive)
        {
            // Values alive together each need a register or a slot of their own: past this many, no
            // allocation fits the 512-byte frame, and the graph would grow with the square of them
            // (a right-nested chain of 50,000 == of bools: more than a billion edges).
            throw CompileErrors.StackTooLarge(live.Count, (live.Count - MaxLive / 4) * FrameLayout.SlotSize, FrameLayout.MaxStackSize)
                .At(new DiagnosticLocation(null, "", null, null, null, 0));
        }
        for (var k = 0; k < live.Count; k++)
        {
            var n = live[k];
            if (n != except)
            {
                AddEdge(def, n);
            }
        }
    }

    // Four times the eleven registers and 64 slots any frame has.
    private const int MaxLive = 4 * (11 + (FrameLayout.MaxStackSize / FrameLayout.SlotSize));

    private void Cost(int node, double weight)
    {
        if (node >= 0)
        {
            SpillCost[node] += weight;
        }
    }

    private int Bit(int a, int b) => a < b ? (a * _adjacency.Length) + b : (b * _adjacency.Length) + a;

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    // long's own hash is the xor of its halves, which is small for every pair of nearby nodes (a
    // value and the temporaries defined next to it): those all met in a few buckets, and adding an
    // edge walked them (a 10,000-link chain spent 300 ms here). A multiplicative hash spreads them.
    private sealed class PairComparer : IEqualityComparer<long>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
