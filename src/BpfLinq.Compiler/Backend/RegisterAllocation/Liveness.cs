namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Liveness of allocation nodes at block boundaries: out(b) = ∪ over edges e = b -> s: in(s) ∪
// args(e), where in(s) never holds params(s) because a block kills its parameters. Block
// parameters are defined at the top of their block; edge arguments are used at the end of the
// predecessor, on their edge only (SSA liveness with phis as block parameters). Spill temporaries
// are ordinary nodes defined by their reload or used by their store.
//
// Solved one node at a time by path exploration (Appel's "liveness by variable"; Boissinot et al.
// 2008 for SSA): from each block that reads a node before defining it, walk predecessors upwards
// until a block that defines it. The work is the size of the answer, the sum of the live sets,
// where per-block bit sets of every node cost blocks x nodes before anything is live (a chain of
// 10,000 compares: 20,000 blocks x 30,000 nodes). Nodes are visited in increasing order, so each
// block's sets list their nodes in increasing order, deterministically.

/// <summary>Live-in and live-out node sets of each block for one <see cref="LiveRanges"/> state.</summary>
internal sealed class Liveness
{
    private readonly BlockSets _in;
    private readonly BlockSets _out;

    private Liveness(BlockSets liveIn, BlockSets liveOut)
    {
        _in = liveIn;
        _out = liveOut;
    }

    /// <summary>Nodes live on entry to a block (after its parameters are bound), in increasing order.</summary>
    public ReadOnlySpan<int> LiveIn(int block) => _in.Of(block);

    /// <summary>Nodes live at the end of a block (edge arguments included), in increasing order.</summary>
    public ReadOnlySpan<int> LiveOut(int block) => _out.Of(block);

    /// <summary>True when <paramref name="node"/> is live at the end of <paramref name="block"/>.</summary>
    public bool IsLiveOut(int block, int node) => LiveOut(block).BinarySearch(node) >= 0;

    /// <summary>Computes liveness.</summary>
    public static Liveness Compute(LiveRanges ranges)
    {
        var f = ranges.Function;
        var blocks = f.Blocks.Count;
        var nodes = ranges.Count;
        // Per block: the nodes it defines, reads before defining (gen), passes on its edges.
        var defs = new PairList();
        var gens = new PairList();
        var edgeUses = new PairList();
        var mark = new int[nodes];
        Array.Fill(mark, -1);
        var pending = new List<int>();
        foreach (var b in f.Blocks)
        {
            Summarize(ranges, b, defs, gens, mark, pending);
            foreach (var args in ranges.ArgNodes[b.Id])
            {
                foreach (var a in args)
                {
                    if (a >= 0)
                    {
                        edgeUses.Add(a, b.Id);
                    }
                }
            }
        }
        var defsOf = defs.ByFirst(nodes);
        var gensOf = gens.ByFirst(nodes);
        var edgeUsesOf = edgeUses.ByFirst(nodes);

        var explorer = new Explorer(f, defsOf);
        for (var n = 0; n < nodes; n++)
        {
            explorer.Explore(n, gensOf.Of(n), edgeUsesOf.Of(n));
        }
        return new Liveness(explorer.In.ByFirst(blocks), explorer.Out.ByFirst(blocks));
    }

    // Walks one node's live range up from its reads; stamps say which node a block was last marked for.
    private sealed class Explorer
    {
        private readonly MachineFunction _function;
        private readonly BlockSets _defsOf;
        private readonly int[] _killStamp;
        private readonly int[] _inStamp;
        private readonly int[] _outStamp;
        private readonly Stack<int> _work = new();
        private int _node;

        public Explorer(MachineFunction function, BlockSets defsOf)
        {
            _function = function;
            _defsOf = defsOf;
            var blocks = function.Blocks.Count;
            _killStamp = new int[blocks];
            _inStamp = new int[blocks];
            _outStamp = new int[blocks];
            Array.Fill(_killStamp, -1);
            Array.Fill(_inStamp, -1);
            Array.Fill(_outStamp, -1);
        }

        public PairList In { get; } = new();

        public PairList Out { get; } = new();

        public void Explore(int node, ReadOnlySpan<int> gens, ReadOnlySpan<int> edgeUses)
        {
            _node = node;
            foreach (var b in _defsOf.Of(node))
            {
                _killStamp[b] = node;
            }
            foreach (var b in gens)
            {
                MarkIn(b);
            }
            foreach (var b in edgeUses)
            {
                MarkOut(b);
            }
            while (_work.Count > 0)
            {
                foreach (var (p, _) in _function.Blocks[_work.Pop()].Preds)
                {
                    MarkOut(p.Id);
                }
            }
        }

        private void MarkIn(int b)
        {
            if (_inStamp[b] != _node)
            {
                _inStamp[b] = _node;
                In.Add(b, _node);
                _work.Push(b);
            }
        }

        private void MarkOut(int b)
        {
            if (_outStamp[b] != _node)
            {
                _outStamp[b] = _node;
                Out.Add(b, _node);
                if (_killStamp[b] != _node)
                {
                    MarkIn(b);
                }
            }
        }
    }

    // Records the nodes b defines (parameters too) and those it reads before defining, in one
    // backward walk; mark[n] == b.Id while n is read below every definition seen so far.
    private static void Summarize(LiveRanges ranges, MachineBlock b, PairList defs, PairList gens, int[] mark, List<int> pending)
    {
        var id = b.Id;
        pending.Clear();
        void Def(int n)
        {
            mark[n] = -1;
            defs.Add(n, id);
        }
        void Use(int n)
        {
            if (mark[n] != id)
            {
                mark[n] = id;
                pending.Add(n);
            }
        }
        var instrs = b.Instrs;
        for (var k = instrs.Count; k >= 0; k--)
        {
            var instr = k == instrs.Count ? b.Terminator : instrs[k];
            var i = instr.Index;
            if (ranges.Stores[i] is { } stores)
            {
                foreach (var s in stores)
                {
                    Use(s.Node);
                }
            }
            foreach (var d in ranges.DefNodes[i])
            {
                Def(d);
            }
            if (instr.Opcode == MachineOpcode.Call)
            {
                for (var c = 0; c <= CallingConvention.LastClobbered; c++)
                {
                    Def(c);
                }
            }
            foreach (var u in ranges.UseNodes[i])
            {
                Use(u);
            }
            if (ranges.Reloads[i] is { } reloads)
            {
                foreach (var r in reloads)
                {
                    Def(r.Node);
                }
            }
        }
        foreach (var p in ranges.ParamNodes[id])
        {
            if (p >= 0)
            {
                Def(p);
            }
        }
        foreach (var n in pending)
        {
            if (mark[n] == id)
            {
                gens.Add(n, id);
                mark[n] = -1; // once, even when read again after a definition above
            }
        }
    }

    // (key, item) pairs, grouped by key in one counting sort; items keep their order of addition.
    private sealed class PairList
    {
        private int[] _keys = new int[64];
        private int[] _items = new int[64];
        private int _count;

        public void Add(int key, int item)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _count * 2);
                Array.Resize(ref _items, _count * 2);
            }
            _keys[_count] = key;
            _items[_count++] = item;
        }

        public BlockSets ByFirst(int keys)
        {
            var start = new int[keys + 1];
            for (var k = 0; k < _count; k++)
            {
                start[_keys[k] + 1]++;
            }
            for (var k = 0; k < keys; k++)
            {
                start[k + 1] += start[k];
            }
            var next = (int[])start.Clone();
            var items = new int[_count];
            for (var k = 0; k < _count; k++)
            {
                items[next[_keys[k]]++] = _items[k];
            }
            return new BlockSets(start, items);
        }
    }

    // Sets of ints per key, packed: key k's members are items[start[k] .. start[k + 1]).
    private sealed class BlockSets(int[] start, int[] items)
    {
        public ReadOnlySpan<int> Of(int key) => items.AsSpan(start[key], start[key + 1] - start[key]);
    }
}
