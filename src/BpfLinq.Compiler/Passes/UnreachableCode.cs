using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Removes the blocks the entry cannot reach, with the phi operands they fed. Passes that cut
/// edges (branch folding, jump threading) call it before they return: the IR verifier rejects a
/// reachable phi reading, from an unreachable predecessor, a value that no longer dominates it.
/// </summary>
internal static class UnreachableCode
{
    /// <summary>Removes every unreachable block; returns how many went.</summary>
    public static int Remove(Function f)
    {
        var reachable = BlockOrder.ReversePostOrder(f).ToHashSet();
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
}
