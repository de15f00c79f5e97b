using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// Immediate dominators of the reachable blocks, by Cooper, Harvey and Kennedy, "A Simple, Fast
/// Dominance Algorithm" (2001): iterate <c>idom(b) = intersect(processed preds)</c> over reverse
/// post-order until nothing changes, walking up by post-order number. Unreachable blocks have no
/// dominator and are dominated by nothing.
/// </summary>
internal sealed class DominatorTree
{
    private readonly Dictionary<Block, int> _rpoIndex;
    private readonly Block?[] _idom;
    private readonly List<Block> _rpo;
    private readonly List<Block>[] _children;

    private DominatorTree(List<Block> rpo, Dictionary<Block, int> rpoIndex, Block?[] idom)
    {
        _rpo = rpo;
        _rpoIndex = rpoIndex;
        _idom = idom;
        _children = new List<Block>[rpo.Count];
        for (var i = 0; i < rpo.Count; i++)
        {
            _children[i] = [];
        }
        for (var i = 1; i < rpo.Count; i++)
        {
            _children[rpoIndex[idom[i]!]].Add(rpo[i]); // in reverse post-order, because i ascends
        }
    }

    /// <summary>The reachable blocks in reverse post-order.</summary>
    public IReadOnlyList<Block> ReversePostOrder => _rpo;

    /// <summary>Computes the tree for the current CFG.</summary>
    public static DominatorTree Compute(Function function)
    {
        var rpo = DepthFirstOrder.ReversePostOrder(function);
        var index = new Dictionary<Block, int>(rpo.Count);
        for (var i = 0; i < rpo.Count; i++)
        {
            index[rpo[i]] = i;
        }
        var idom = new int[rpo.Count];
        Array.Fill(idom, -1);
        idom[0] = 0;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 1; i < rpo.Count; i++)
            {
                var newIdom = -1;
                foreach (var pred in rpo[i].Preds)
                {
                    if (!index.TryGetValue(pred, out var p) || idom[p] < 0)
                    {
                        continue; // unreachable or not yet processed
                    }
                    newIdom = newIdom < 0 ? p : Intersect(idom, p, newIdom);
                }
                if (newIdom != idom[i])
                {
                    idom[i] = newIdom;
                    changed = true;
                }
            }
        }
        var result = new Block?[rpo.Count];
        for (var i = 1; i < rpo.Count; i++)
        {
            result[i] = rpo[idom[i]];
        }
        return new DominatorTree(rpo, index, result);
    }

    private static int Intersect(int[] idom, int a, int b)
    {
        while (a != b)
        {
            while (a > b)
            {
                a = idom[a];
            }
            while (b > a)
            {
                b = idom[b];
            }
        }
        return a;
    }

    /// <summary>True when the block is reachable from the entry.</summary>
    public bool IsReachable(Block block) => _rpoIndex.ContainsKey(block);

    /// <summary>The immediate dominator, or null for the entry and unreachable blocks.</summary>
    public Block? ImmediateDominator(Block block) =>
        _rpoIndex.TryGetValue(block, out var i) ? _idom[i] : null;

    /// <summary>True when every path from the entry to <paramref name="b"/> passes through <paramref name="a"/> (a block dominates itself).</summary>
    public bool Dominates(Block a, Block b)
    {
        if (!_rpoIndex.TryGetValue(a, out var ia) || !_rpoIndex.ContainsKey(b))
        {
            return false;
        }
        for (Block? x = b; x is not null; x = ImmediateDominator(x))
        {
            if (x == a)
            {
                return true;
            }
            if (_rpoIndex[x] < ia)
            {
                return false; // dominators come earlier in RPO; we walked past a
            }
        }
        return false;
    }

    /// <summary>The children of each block in the tree, in reverse post-order.</summary>
    public IReadOnlyList<Block> Children(Block block) =>
        _rpoIndex.TryGetValue(block, out var i) ? _children[i] : [];

    /// <summary>The reachable blocks in a pre-order walk of the tree (children in reverse post-order).</summary>
    public IEnumerable<Block> PreOrder()
    {
        var stack = new Stack<Block>();
        stack.Push(_rpo[0]);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            yield return b;
            var children = _children[_rpoIndex[b]];
            for (var k = children.Count - 1; k >= 0; k--)
            {
                stack.Push(children[k]);
            }
        }
    }
}
