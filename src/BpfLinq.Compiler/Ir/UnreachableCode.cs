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
        var reachable = new HashSet<Block>(f.Blocks.Count) { f.Entry };
        var work = new Stack<Block>();
        work.Push(f.Entry);
        while (work.Count > 0)
        {
            foreach (var s in work.Pop().Succs)
            {
                if (reachable.Add(s))
                {
                    work.Push(s);
                }
            }
        }
        if (reachable.Count == f.Blocks.Count)
        {
            return 0;
        }
        var dead = f.Blocks.Where(b => !reachable.Contains(b)).ToList();
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
