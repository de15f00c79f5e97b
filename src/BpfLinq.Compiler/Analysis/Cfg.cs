using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// The control-flow graph of a function as dense integer arrays: block <c>i</c> is
/// <c>function.Blocks[i]</c> at the time of <see cref="Compute"/>, which renumbers the function so
/// that <see cref="Block.Id"/> is that index. Predecessor and successor lists hold one entry per
/// edge (a condbr with both targets equal gives two). Orders are from a depth-first search of the
/// entry that visits successors in terminator order, as <see cref="DepthFirstOrder"/> does.
/// <para>
/// The result is a snapshot: any edit of the function's blocks or edges makes it stale, and the
/// lookups that take a <see cref="Block"/> throw instead of answering from the old graph.
/// </para>
/// </summary>
internal sealed class Cfg
{
    private readonly Block[] _blocks;
    private readonly int[][] _preds;
    private readonly int[][] _succs;
    private readonly int[] _reversePostOrder;
    private readonly int[] _rpoNumber;

    private Cfg(Block[] blocks, int[][] preds, int[][] succs, int[] reversePostOrder, int[] rpoNumber)
    {
        _blocks = blocks;
        _preds = preds;
        _succs = succs;
        _reversePostOrder = reversePostOrder;
        _rpoNumber = rpoNumber;
    }

    /// <summary>Number of blocks (reachable or not).</summary>
    public int Count => _blocks.Length;

    /// <summary>The blocks, indexed by their number.</summary>
    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>Block numbers of the reachable blocks in reverse post-order (the entry first).</summary>
    public IReadOnlyList<int> ReversePostOrder => _reversePostOrder;

    /// <summary>Block numbers of the reachable blocks in post-order (the entry last).</summary>
    public IEnumerable<int> PostOrder => _reversePostOrder.Reverse();

    /// <summary>Computes the graph of <paramref name="function"/> (renumbering it).</summary>
    public static Cfg Compute(Function function)
    {
        function.Renumber();
        var blocks = function.Blocks.ToArray();
        var preds = new int[blocks.Length][];
        var succs = new int[blocks.Length][];
        for (var i = 0; i < blocks.Length; i++)
        {
            preds[i] = blocks[i].Preds.Select(p => p.Id).ToArray();
            succs[i] = blocks[i].Succs.Select(s => s.Id).ToArray();
        }
        var rpo = DepthFirstOrder.ReversePostOrder(function).Select(b => b.Id).ToArray();
        var rpoNumber = new int[blocks.Length];
        Array.Fill(rpoNumber, -1);
        for (var k = 0; k < rpo.Length; k++)
        {
            rpoNumber[rpo[k]] = k;
        }
        return new Cfg(blocks, preds, succs, rpo, rpoNumber);
    }

    /// <summary>The number of <paramref name="block"/>.</summary>
    /// <exception cref="InvalidOperationException">The block was added or moved since the graph was computed.</exception>
    public int Index(Block block)
    {
        var i = block.Id;
        if ((uint)i >= (uint)_blocks.Length || _blocks[i] != block)
        {
            throw new InvalidOperationException($"{block} is not in this control-flow graph: the function changed after it was computed");
        }
        return i;
    }

    /// <summary>Predecessors of block <paramref name="b"/>, one per edge.</summary>
    public IReadOnlyList<int> Preds(int b) => _preds[b];

    /// <summary>Successors of block <paramref name="b"/>, in terminator order.</summary>
    public IReadOnlyList<int> Succs(int b) => _succs[b];

    /// <summary>True when block <paramref name="b"/> can be reached from the entry.</summary>
    public bool IsReachable(int b) => _rpoNumber[b] >= 0;

    /// <summary>True when <paramref name="block"/> can be reached from the entry.</summary>
    public bool IsReachable(Block block) => IsReachable(Index(block));

    /// <summary>Position of block <paramref name="b"/> in reverse post-order, or -1 when unreachable.</summary>
    public int RpoNumber(int b) => _rpoNumber[b];
}
