using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Which blocks a path from the entry can reach while the function is being built: edges are only
/// made from reachable blocks, so joins merge only values that can arrive, and dead code (after a
/// jump, in the arm of a constant condition) divides nothing.
/// </summary>
internal sealed partial class IrLowering
{
    private readonly BlockMarks _reachable = new();
    private readonly Dictionary<Block, Block?> _reachabilitySearch = [];
    private readonly Stack<Block> _reachabilityWork = new();

    /// <summary>
    /// False when no path from the entry can reach <paramref name="block"/> (the arm of a constant
    /// condition, code after a jump, and what only they reach). Edges from such blocks are never made,
    /// so joins merge only values that can arrive. A block still waiting for predecessors (not sealed)
    /// counts as reachable.
    /// </summary>
    private bool IsReachable(Block block)
    {
        if (_reachable.Contains(block))
        {
            return true;
        }
        // Most blocks are asked about right after an edge from a reachable block made them.
        var preds = block.Preds;
        for (var i = 0; i < preds.Count; i++)
        {
            if (_reachable.Contains(preds[i]))
            {
                _reachable.Add(block);
                return true;
            }
        }
        // Searching back from the block; each block found keeps the one it was found from, so the
        // whole path to a reachable block is remembered as reachable (else every query on a chain of
        // 10,000 blocks walks back to the entry).
        var foundFrom = _reachabilitySearch;
        foundFrom.Clear();
        foundFrom[block] = null;
        var work = _reachabilityWork;
        work.Clear();
        work.Push(block);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (b == _function.Entry || _reachable.Contains(b))
            {
                for (Block? onPath = b; onPath is not null; onPath = foundFrom[onPath])
                {
                    _reachable.Add(onPath);
                }
                return true;
            }
            if (!_ssa.IsSealed(b))
            {
                _reachable.Add(block); // reachable as far as we know yet: only the block asked about is remembered
                return true;
            }
            var predsOfB = b.Preds;
            for (var i = 0; i < predsOfB.Count; i++)
            {
                if (foundFrom.TryAdd(predsOfB[i], b))
                {
                    work.Push(predsOfB[i]);
                }
            }
        }
        return false;
    }

    /// <summary>Ends the current block with a jump to <paramref name="target"/>, unless no path reaches it.</summary>
    private void JumpIfReachable(Block target)
    {
        if (!_b.IsTerminated && IsReachable(_b.Current!))
        {
            _b.Br(target);
        }
    }

    /// <summary>After a jump, code that follows is unreachable: it goes to a fresh block without predecessors (removed at the end).</summary>
    private void StartUnreachableBlock()
    {
        var dead = NewBlock();
        _ssa.SealBlock(dead);
        StartBlock(dead);
    }
}
