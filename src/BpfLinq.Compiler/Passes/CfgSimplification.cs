using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Cleans up the control-flow graph, repeating five local rewrites until none applies:
/// <list type="number">
/// <item>remove blocks the entry cannot reach (dropping the phi operands they fed);</item>
/// <item>fold trivial phis (<see cref="TrivialPhi"/>: one incoming value, or all identical);</item>
/// <item>turn a <c>condbr</c> whose two targets are one block into a jump (forwarding removal makes
///   them, and leaving them to <see cref="BranchFolding"/> would cost a pipeline round each);</item>
/// <item>merge a block into its only predecessor when that predecessor jumps only to it;</item>
/// <item>remove an empty forwarding block (<c>bF: br bS</c>) by pointing its predecessors at
///   <c>bS</c>, unless a phi of <c>bS</c> would need two different values from one predecessor.</item>
/// </list>
/// Requires nothing. Preserves the number of <c>ret</c>s (no block is duplicated). Invalidates
/// every CFG analysis.
/// <code>
/// b0: condbr v1, b1, b2      =>   b0: condbr v1, b3, b2
/// b1: br b3                       b2: br b3
/// b2: br b3                       b3: v4 = phi [b0: 1], [b2: 0]
/// b3: v4 = phi [b1: 1], [b2: 0]   (b2 stays: b0 would need both 1 and 0)
/// </code>
/// A forwarded predecessor may read the phi operand that came through <c>bF</c>: that value is
/// defined outside <c>bF</c> (which is empty) and dominates <c>bF</c>, so it dominates every
/// predecessor of <c>bF</c> too.
/// </summary>
internal sealed class CfgSimplification : IPass
{
    /// <summary>Creates the pass under <paramref name="name"/>.</summary>
    public CfgSimplification(string name = "simplify-cfg") => Name = name;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        for (var changed = true; changed;)
        {
            var n = UnreachableCode.Remove(f) + TrivialPhi.FoldAll(f) + BranchFolding.FoldAllSameTargets(f)
                + MergeStraightLines(f) + RemoveForwarders(f);
            changed = n > 0;
            c.NoteChange(n);
        }
    }

    private static int MergeStraightLines(Function f)
    {
        var merged = 0;
        // Merging looks at no operand: the merged phis' uses are rewritten in one scan at the end.
        var replaced = new ValueReplacements();
        foreach (var b in f.Blocks.ToList())
        {
            if (b == f.Entry || b.Preds.Count != 1 || b.Preds[0] == b || b.Preds[0].Succs.Count != 1 || b.Terminator is null)
            {
                continue;
            }
            var p = b.Preds[0];
            foreach (var phi in b.PhiList())
            {
                replaced.Add(phi, phi.Operands[0]);
                b.Remove(phi);
            }
            var t = b.Terminator;
            b.RemoveTerminator();
            b.MoveInstrsTo(p);
            p.SetTerminator(t); // replaces p's jump to b, so b has no predecessors left
            foreach (var s in t.Targets.Distinct())
            {
                foreach (var phi in s.Phis)
                {
                    for (var k = 0; k < phi.PhiBlocks.Count; k++)
                    {
                        phi.PhiBlocks[k] = phi.PhiBlocks[k] == b ? p : phi.PhiBlocks[k];
                    }
                }
            }
            f.RemoveBlock(b);
            merged++;
        }
        replaced.ApplyToAll(f);
        return merged;
    }

    private static int RemoveForwarders(Function f)
    {
        var removed = 0;
        foreach (var b in f.Blocks.ToList())
        {
            if (b == f.Entry || b.Instrs.Count != 1 || b.Terminator is not { Op: Op.Br } br || br.Targets[0] == b)
            {
                continue;
            }
            var s = br.Targets[0];
            // What s's phis receive through b, the same for every p (s may have thousands of predecessors to search).
            var phis = s.PhiList();
            var throughB = phis.ConvertAll(phi => phi.IncomingFrom(b));
            foreach (var p in b.DistinctPreds())
            {
                if (phis.Count > 0 && p.Succs.Contains(s) && phis.Where((phi, k) => phi.IncomingFrom(p) != throughB[k]).Any())
                {
                    continue; // s would need two different values from p
                }
                var edges = p.Retarget(b, s);
                for (var e = 0; e < edges; e++)
                {
                    for (var k = 0; k < phis.Count; k++)
                    {
                        IrBuilder.AddPhiIncoming(phis[k], p, throughB[k]);
                    }
                }
                removed++;
            }
            if (b.Preds.Count == 0)
            {
                f.RemoveBlock(b);
            }
        }
        return removed;
    }
}
