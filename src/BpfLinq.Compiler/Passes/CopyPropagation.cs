using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Replaces values that are only another value under a different name. The IR has no copy
/// instruction, so the copies are phis: a trivial phi (every operand one value <c>v</c> or the
/// phi itself) and, more generally, a strongly connected group of phis that only pass one outside
/// value <c>v</c> around a loop nest. Both equal <c>v</c>. Algorithm: Braun et al., "Simple and
/// Efficient Construction of Static Single Assignment Form" (CC 2013), §3.2: find the SCCs of the
/// phi-to-phi-operand graph (Tarjan; operands' components come first), and for each component
/// collect the operands from outside it; one outside value replaces the whole component; several
/// mean the component is needed, but the phis inside it that only read the component may still
/// form a redundant sub-component, so repeat on those. Requires nothing; preserves the CFG.
/// <code>
/// b1: v2 = phi [b0: v1], [b2: v3]   =>   (v2, v3 gone; uses read v1)
/// b2: v3 = phi [b1: v2], [b3: v3]
/// </code>
/// </summary>
internal sealed class CopyPropagation : IPass
{
    /// <inheritdoc/>
    public string Name => "propagate-copies";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        for (var changed = true; changed;)
        {
            // Trivial phis are the one-phi components; most functions have no others, so the
            // component search runs only when some phi reads another phi.
            var replaced = TrivialPhi.FoldAll(f);
            var phis = f.Blocks.SelectMany(b => b.Phis).ToList();
            if (phis.Any(phi => phi.Operands.Any(v => v != phi && v is Instr { Op: Op.Phi })))
            {
                replaced += RemoveRedundant(f, phis);
            }
            changed = replaced > 0;
            c.NoteChange(replaced);
        }
    }

    private static int RemoveRedundant(Function f, List<Instr> phis)
    {
        var replaced = 0;
        foreach (var scc in StronglyConnected(phis))
        {
            if (scc.Any(phi => phi.Block is null))
            {
                continue; // already replaced through an earlier component
            }
            var members = scc.ToHashSet();
            var outside = new List<Value>();
            var inner = new List<Instr>();
            foreach (var phi in scc)
            {
                var isInner = true;
                foreach (var v in phi.Operands)
                {
                    if (v is Instr { Op: Op.Phi } p && members.Contains(p))
                    {
                        continue;
                    }
                    isInner = false;
                    if (!outside.Contains(v))
                    {
                        outside.Add(v);
                    }
                }
                if (isInner)
                {
                    inner.Add(phi);
                }
            }
            if (outside.Count == 1)
            {
                foreach (var phi in scc)
                {
                    f.ReplaceAllUses(phi, outside[0]);
                    phi.Block!.Remove(phi);
                    replaced++;
                }
            }
            else if (outside.Count > 1 && inner.Count > 0 && inner.Count < scc.Count)
            {
                replaced += RemoveRedundant(f, inner);
            }
        }
        return replaced;
    }

    // Tarjan's algorithm over the phis given, following phi operands that are also given.
    // Components come out operands-first, the order in which replacing one can simplify the next.
    private static List<List<Instr>> StronglyConnected(List<Instr> phis)
    {
        var set = phis.ToHashSet();
        var index = new Dictionary<Instr, int>();
        var low = new Dictionary<Instr, int>();
        var stack = new Stack<Instr>();
        var onStack = new HashSet<Instr>();
        var result = new List<List<Instr>>();

        void Visit(Instr v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var operand in v.Operands)
            {
                if (operand is not Instr w || !set.Contains(w))
                {
                    continue;
                }
                if (!index.TryGetValue(w, out var wIndex))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }
            if (low[v] == index[v])
            {
                var component = new List<Instr>();
                Instr w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (var phi in phis)
        {
            if (!index.ContainsKey(phi))
            {
                Visit(phi);
            }
        }
        return result;
    }
}
