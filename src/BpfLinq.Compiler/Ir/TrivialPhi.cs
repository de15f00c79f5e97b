namespace BpfLinq.Compiler.Ir;

/// <summary>
/// A phi is trivial when every operand is one value <c>v</c> or the phi itself (Braun et al. 2013,
/// §3.1): it then equals <c>v</c>, and in strict SSA <c>v</c> is defined in a block that strictly
/// dominates the phi's block (the first arrival at the block comes over an edge where <c>v</c> is
/// available), so every use of the phi may read <c>v</c> instead.
/// </summary>
internal static class TrivialPhi
{
    /// <summary>The value a trivial phi equals, or null when the phi merges two different values.</summary>
    public static Value? SoleValue(Instr phi)
    {
        Value? sole = null;
        foreach (var v in phi.Operands)
        {
            if (v == phi || v == sole)
            {
                continue;
            }
            if (sole is not null)
            {
                return null;
            }
            sole = v;
        }
        return sole;
    }

    /// <summary>Replaces every trivial phi of <paramref name="f"/> by its value until none is left; returns how many went.</summary>
    public static int FoldAll(Function f)
    {
        // One scan of the phis finds none in most functions. Otherwise scans of every instruction
        // apply the replacements so far and fold the phis they make trivial, until one folds nothing
        // (it has then applied every replacement).
        var replaced = new ValueReplacements();
        var folded = Scan(f, replaced, phisOnly: true);
        for (var n = folded; n > 0; folded += n)
        {
            n = Scan(f, replaced, phisOnly: false);
        }
        return folded;
    }

    private static int Scan(Function f, ValueReplacements replaced, bool phisOnly)
    {
        var folded = 0;
        foreach (var block in f.Blocks)
        {
            var instrs = block.Instrs;
            for (var k = 0; k < instrs.Count && (!phisOnly || instrs[k].Op == Op.Phi);)
            {
                var i = instrs[k];
                replaced.Apply(i);
                if (i.Op == Op.Phi && SoleValue(i) is { } v)
                {
                    replaced.Add(i, v);
                    block.Remove(i);
                    folded++;
                }
                else
                {
                    k++;
                }
            }
        }
        return folded;
    }
}
