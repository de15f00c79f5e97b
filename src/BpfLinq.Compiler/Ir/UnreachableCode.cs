using BpfLinq.Compiler.Graphs;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Removes the blocks the entry cannot reach, with the phi operands they fed. Passes that cut
/// edges (branch folding, jump threading) call it before they return: the IR verifier rejects a
/// reachable phi reading, from an unreachable predecessor, a value that no longer dominates it.
/// Lowering calls it too, for the blocks it made for code after a jump.
/// </summary>
internal static class UnreachableCode
{
    /// <summary>Removes every unreachable block; returns how many went.</summary>
    public static int Remove(Function f)
    {
        // This runs after every pass that cuts edges, often on a graph already found whole.
        if (f.AllReachableAt == f.ShapeVersion)
        {
            return 0;
        }
        var blocks = f.Blocks;
        var graph = (IFlowGraph<Block>)f;
        var reachable = new bool[blocks.Count];
        reachable[0] = true;
        var count = 1;
        var work = new Stack<Block>();
        work.Push(f.Entry);
        while (work.Count > 0)
        {
            foreach (var s in work.Pop().Succs)
            {
                var i = graph.IndexOf(s);
                if (!reachable[i])
                {
                    reachable[i] = true;
                    count++;
                    work.Push(s);
                }
            }
        }
        if (count == blocks.Count)
        {
            f.AllReachableAt = f.ShapeVersion;
            return 0;
        }
        var dead = blocks.Where((_, i) => !reachable[i]).ToList();
        // Cut every edge out of dead code first, so each dead block ends with no predecessors.
        foreach (var b in dead)
        {
            foreach (var s in b.Succs)
            {
                s.RemoveIncoming(b);
            }
            b.RemoveTerminator();
        }
        foreach (var b in dead)
        {
            f.RemoveBlock(b);
        }
        f.AllReachableAt = f.ShapeVersion;
        return dead.Count;
    }

    /// <summary>
    /// What lowering leaves behind: removes the unreachable blocks, then replaces the phis left with
    /// one distinct operand by it.
    /// </summary>
    public static void RemoveAndFoldPhis(Function f)
    {
        Remove(f);
        TrivialPhi.FoldAll(f);
    }
}
