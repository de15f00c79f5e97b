using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// Which SSA values (instruction results and parameters; constants are not tracked) are live on
/// entry to and exit from each block. Classic backward data flow over <see cref="BitSet"/>s,
/// iterated in post-order until nothing changes:
/// <code>
/// out(b) = ∪ over successors s: (in(s) ∪ phi operands s receives from b)
/// in(b)  = uses(b) ∪ (out(b) − defs(b))
/// </code>
/// A phi's operand is used at the end of its incoming block, not in the phi's block, and a phi's
/// result is defined at the top of its block, so phis are never live into their own block (QBE
/// <c>live.c</c> treats them the same way). Requires nothing; computing renumbers the function and
/// any later edit makes the result stale (lookups then throw).
/// </summary>
internal sealed class Liveness
{
    private readonly Block[] _blocks; // block i at the time of computing; its Id is i
    private readonly Value[] _values;
    private readonly BitSet[] _in;
    private readonly BitSet[] _out;

    private Liveness(Block[] blocks, Value[] values, BitSet[] liveIn, BitSet[] liveOut)
    {
        _blocks = blocks;
        _values = values;
        _in = liveIn;
        _out = liveOut;
    }

    /// <summary>Computes liveness for the function's current code.</summary>
    public static Liveness Compute(Function function)
    {
        function.Renumber(); // blocks, parameters and results get dense ids
        var blocks = function.Blocks.ToArray();
        var n = function.ValueCount;
        var values = new Value[n];
        foreach (var p in function.Params)
        {
            values[p.Id] = p;
        }
        foreach (var i in function.AllInstrs().Where(i => i.Id >= 0))
        {
            values[i.Id] = i;
        }

        var blockCount = blocks.Length;
        var uses = new BitSet[blockCount];
        var defs = new BitSet[blockCount];
        var phiUses = new BitSet[blockCount]; // operands of successors' phis that arrive from this block
        for (var b = 0; b < blockCount; b++)
        {
            uses[b] = new BitSet(n);
            defs[b] = new BitSet(n);
            phiUses[b] = new BitSet(n);
        }
        for (var b = 0; b < blockCount; b++)
        {
            foreach (var i in blocks[b].Instrs)
            {
                for (var k = 0; k < i.Operands.Count; k++)
                {
                    if (Id(i.Operands[k]) is not { } id)
                    {
                        continue;
                    }
                    if (i.Op == Op.Phi)
                    {
                        phiUses[i.PhiBlocks[k].Id].Add(id);
                    }
                    else if (!defs[b].Contains(id))
                    {
                        uses[b].Add(id);
                    }
                }
                if (i.Id >= 0)
                {
                    defs[b].Add(i.Id);
                }
            }
        }

        // Post-order converges fastest; unreachable blocks after it, so every block has sets.
        var reversePostOrder = DepthFirstOrder.ReversePostOrder<Block>(function);
        var reached = reversePostOrder.ToHashSet();
        var order = Enumerable.Reverse(reversePostOrder).Concat(blocks.Where(b => !reached.Contains(b)));
        var (liveIn, liveOut) = LivenessDataflow.Solve(function, order, n, uses, defs, phiUses);
        return new Liveness(blocks, values, liveIn, liveOut);
    }

    private static int? Id(Value v) => v switch
    {
        Instr { Id: >= 0 } i => i.Id,
        Param p => p.Id,
        _ => null,
    };

    /// <summary>The values live on entry to <paramref name="block"/>, by ascending id.</summary>
    public IReadOnlyList<Value> LiveIn(Block block) => _in[Index(block)].Elements().Select(k => _values[k]).ToList();

    /// <summary>The values live on exit from <paramref name="block"/>, by ascending id.</summary>
    public IReadOnlyList<Value> LiveOut(Block block) => _out[Index(block)].Elements().Select(k => _values[k]).ToList();

    /// <summary>True when <paramref name="value"/> is live on entry to <paramref name="block"/>.</summary>
    public bool IsLiveIn(Block block, Value value) => Tracked(value) is { } k && _in[Index(block)].Contains(k);

    /// <summary>True when <paramref name="value"/> is live on exit from <paramref name="block"/>.</summary>
    public bool IsLiveOut(Block block, Value value) => Tracked(value) is { } k && _out[Index(block)].Contains(k);

    private int Index(Block block)
    {
        var i = block.Id;
        if ((uint)i >= (uint)_blocks.Length || _blocks[i] != block)
        {
            throw new InvalidOperationException($"{block} is not in this liveness result: the function changed after it was computed");
        }
        return i;
    }

    private int? Tracked(Value value)
    {
        if (Id(value) is not { } id)
        {
            return null; // constants are never live: they are rematerialised where used
        }
        if ((uint)id >= (uint)_values.Length || _values[id] != value)
        {
            throw new InvalidOperationException($"value {value} is not in this liveness result: the function changed after it was computed");
        }
        return id;
    }
}
