namespace BpfLinq.Compiler.Ir;

/// <summary>Splits a block in two, keeping predecessor lists and successor phis in step.</summary>
internal static class BlockSplitting
{
    /// <summary>
    /// Moves <paramref name="first"/> and every instruction after it (the terminator included) into a
    /// new block and returns it; the old block is left without a terminator for the caller to end.
    /// Successors' phis that named the old block now name the new one.
    /// </summary>
    public static Block SplitBefore(this Block block, Instr first)
    {
        if (first.Op == Op.Phi)
        {
            throw new ArgumentException("cannot split before a phi", nameof(first));
        }
        var tail = block.Function.AddBlock();
        var moving = block.Instrs.SkipWhile(i => i != first).ToList();
        var terminator = block.Terminator;
        block.RemoveTerminator();
        foreach (var i in moving.Where(i => !i.IsTerminator))
        {
            block.Remove(i);
            tail.Append(i);
        }
        if (terminator is not null)
        {
            tail.SetTerminator(terminator);
            foreach (var succ in terminator.Targets.Distinct())
            {
                foreach (var phi in succ.Phis)
                {
                    for (var k = 0; k < phi.PhiBlocks.Count; k++)
                    {
                        if (phi.PhiBlocks[k] == block)
                        {
                            phi.PhiBlocks[k] = tail;
                        }
                    }
                }
            }
        }
        return tail;
    }
}
