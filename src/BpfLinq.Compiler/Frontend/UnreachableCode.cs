using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Removes the blocks lowering made for code after a jump (and anything only they reach), with
/// their edges and phi operands, then replaces phis left with one distinct operand by it.
/// </summary>
internal static class UnreachableCode
{
    /// <summary>Removes the blocks the entry cannot reach.</summary>
    public static void Remove(Function function)
    {
        var reachable = DepthFirstOrder.ReversePostOrder(function).ToHashSet();
        var dead = function.Blocks.Where(b => !reachable.Contains(b)).ToList();
        foreach (var block in dead)
        {
            foreach (var succ in block.Succs.Distinct().ToList())
            {
                succ.RemovePredFromPhis(block);
                while (succ.Preds.Contains(block) && succ.Phis.Any(p => p.PhiBlocks.Contains(block)))
                {
                    succ.RemovePredFromPhis(block); // one operand per edge
                }
            }
            block.RemoveTerminator();
        }
        foreach (var block in dead)
        {
            function.RemoveBlock(block);
        }
        RemoveSingleValuePhis(function);
    }

    private static void RemoveSingleValuePhis(Function function)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var phi in function.AllInstrs().Where(i => i.Op == Op.Phi).ToList())
            {
                var distinct = phi.Operands.Where(o => !ReferenceEquals(o, phi)).Distinct().ToList();
                if (distinct.Count == 1)
                {
                    phi.Block!.Remove(phi);
                    function.ReplaceAllUses(phi, distinct[0]);
                    changed = true;
                }
            }
        }
    }
}
