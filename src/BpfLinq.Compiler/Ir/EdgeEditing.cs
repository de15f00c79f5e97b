namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Edits of control-flow edges that keep predecessor lists in step (through
/// <see cref="Block.SetTerminator"/>); phis are the caller's to fix, with the two phi edits here.
/// </summary>
internal static class EdgeEditing
{
    /// <summary>Points every edge <paramref name="from"/> -&gt; <paramref name="oldTarget"/> at <paramref name="newTarget"/>; returns how many edges moved.</summary>
    public static int Retarget(this Block from, Block oldTarget, Block newTarget)
    {
        var t = from.Terminator ?? throw new InvalidOperationException($"{from} has no terminator");
        var moved = t.Targets.Count(x => x == oldTarget);
        if (moved > 0)
        {
            from.RemoveTerminator();
            t.Targets = t.Targets.Select(x => x == oldTarget ? newTarget : x).ToArray();
            from.SetTerminator(t);
        }
        return moved;
    }

    /// <summary>Replaces the terminator of <paramref name="block"/> by an unconditional jump to <paramref name="target"/>, keeping its source.</summary>
    public static void JumpTo(this Block block, Block target)
    {
        var br = IrBuilder.Create(Op.Br, IrType.Void);
        br.Targets = [target];
        br.Source = block.Terminator?.Source;
        block.SetTerminator(br); // unlinks the old terminator's edges, links the new one
    }

    /// <summary>Drops, from each phi of <paramref name="target"/>, the last operand arriving from <paramref name="pred"/> (one edge's worth).</summary>
    public static void RemoveIncoming(this Block target, Block pred)
    {
        foreach (var phi in target.PhiList())
        {
            var k = phi.PhiBlocks.LastIndexOf(pred);
            if (k >= 0)
            {
                phi.RemoveOperandAt(k);
            }
        }
    }

    /// <summary>Adds to each phi of <paramref name="target"/> an operand from <paramref name="pred"/>, chosen by <paramref name="valueFor"/>.</summary>
    public static void AddIncoming(this Block target, Block pred, Func<Instr, Value> valueFor)
    {
        foreach (var phi in target.PhiList())
        {
            IrBuilder.AddPhiIncoming(phi, pred, valueFor(phi));
        }
    }
}
