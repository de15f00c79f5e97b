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
        var folded = 0;
        for (var again = true; again;)
        {
            again = false;
            foreach (var phi in f.Blocks.SelectMany(b => b.Phis).ToList())
            {
                if (SoleValue(phi) is { } v)
                {
                    f.ReplaceAllUses(phi, v);
                    phi.Block!.Remove(phi);
                    folded++;
                    again = true;
                }
            }
        }
        return folded;
    }
}
