namespace BpfLinq.Compiler.Ir;

/// <summary>
/// A basic block: phis first, then ordinary instructions, then exactly one terminator.
/// Predecessors are kept in step with terminators by <see cref="SetTerminator"/>; a phi names its
/// incoming blocks explicitly, so predecessor order never matters.
/// </summary>
internal sealed class Block
{
    private readonly List<Instr> _instrs = [];
    private readonly List<Block> _preds = [];

    internal Block(Function function, int id)
    {
        Function = function;
        Id = id;
    }

    /// <summary>The function holding the block.</summary>
    public Function Function { get; }

    /// <summary>Dense id used in dumps and by analyses' arrays.</summary>
    public int Id { get; internal set; }

    /// <summary>The block's index in its function's list, as the function last knew it (the graph's IndexOf).</summary>
    internal int Position { get; set; }

    /// <summary>True once <see cref="Function.RemoveBlock"/> removed the block (the function's list drops it when next read).</summary>
    internal bool IsRemoved { get; set; }

    /// <summary>The instructions, terminator last.</summary>
    public IReadOnlyList<Instr> Instrs => _instrs;

    /// <summary>Blocks whose terminator targets this block (once per edge).</summary>
    public IReadOnlyList<Block> Preds => _preds;

    /// <summary>The terminator, or null while the block is being built.</summary>
    public Instr? Terminator => _instrs.Count > 0 && _instrs[^1].IsTerminator ? _instrs[^1] : null;

    /// <summary>Successors: the terminator's targets.</summary>
    public IReadOnlyList<Block> Succs => Terminator?.Targets ?? [];

    /// <summary>The leading phis.</summary>
    public IEnumerable<Instr> Phis => _instrs.TakeWhile(i => i.Op == Op.Phi);

    /// <summary>The number of leading phis.</summary>
    public int PhiCount
    {
        get
        {
            var n = 0;
            while (n < _instrs.Count && _instrs[n].Op == Op.Phi)
            {
                n++;
            }
            return n;
        }
    }

    /// <summary>The leading phis, copied (for a caller that changes the block while it walks them).</summary>
    public List<Instr> PhiList() => _instrs.GetRange(0, PhiCount);

    /// <summary>Each predecessor once, in the order of first appearance.</summary>
    public List<Block> DistinctPreds()
    {
        var distinct = new List<Block>(_preds.Count);
        // Most blocks have one or two predecessors; a join of thousands gets a set.
        HashSet<Block>? seen = _preds.Count > 8 ? [] : null;
        foreach (var p in _preds)
        {
            if (seen?.Add(p) ?? !distinct.Contains(p))
            {
                distinct.Add(p);
            }
        }
        return distinct;
    }

    /// <summary>Appends a non-terminator instruction (before the terminator if there is one).</summary>
    public Instr Append(Instr instr)
    {
        if (instr.IsTerminator)
        {
            throw new ArgumentException("use SetTerminator for terminators", nameof(instr));
        }
        instr.Block = this;
        _instrs.Insert(Terminator is null ? _instrs.Count : _instrs.Count - 1, instr);
        return instr;
    }

    /// <summary>Inserts a phi at the start of the block.</summary>
    public Instr InsertPhi(Instr phi)
    {
        phi.Block = this;
        _instrs.Insert(PhiCount, phi);
        return phi;
    }

    /// <summary>Inserts an instruction before <paramref name="before"/>.</summary>
    public Instr InsertBefore(Instr before, Instr instr)
    {
        instr.Block = this;
        _instrs.Insert(_instrs.IndexOf(before), instr);
        return instr;
    }

    /// <summary>Sets (or replaces) the terminator and updates the predecessor lists of old and new targets.</summary>
    public void SetTerminator(Instr terminator)
    {
        if (!terminator.IsTerminator)
        {
            throw new ArgumentException("not a terminator", nameof(terminator));
        }
        RemoveTerminator();
        terminator.Block = this;
        _instrs.Add(terminator);
        Function.EdgesChanged();
        foreach (var target in terminator.Targets)
        {
            target._preds.Add(this);
        }
    }

    /// <summary>Removes the terminator (if any) and this block from its targets' predecessor lists.
    /// Phis in the old targets keep their operands: callers fix them (see <see cref="RemovePredFromPhis"/>).</summary>
    public void RemoveTerminator()
    {
        if (Terminator is { } old)
        {
            foreach (var target in old.Targets)
            {
                target._preds.Remove(this);
            }
            _instrs.RemoveAt(_instrs.Count - 1);
            old.Block = null;
            Function.EdgesChanged();
        }
    }

    /// <summary>Removes a non-terminator instruction.</summary>
    public void Remove(Instr instr)
    {
        if (instr.IsTerminator)
        {
            throw new ArgumentException("use RemoveTerminator for terminators", nameof(instr));
        }
        _instrs.Remove(instr);
        instr.Block = null;
    }

    /// <summary>Moves every instruction of this block, which has no terminator, to the end of <paramref name="target"/> (before its terminator).</summary>
    public void MoveInstrsTo(Block target)
    {
        if (Terminator is not null)
        {
            throw new InvalidOperationException($"{this} still has its terminator");
        }
        foreach (var i in _instrs)
        {
            i.Block = target;
        }
        target._instrs.InsertRange(target.Terminator is null ? target._instrs.Count : target._instrs.Count - 1, _instrs);
        _instrs.Clear();
    }

    /// <summary>Removes every non-terminator instruction <paramref name="dead"/> picks, in one pass over the block; returns how many went.</summary>
    public int RemoveAll(Func<Instr, bool> dead)
    {
        var kept = 0;
        for (var k = 0; k < _instrs.Count; k++)
        {
            var i = _instrs[k];
            if (!i.IsTerminator && dead(i))
            {
                i.Block = null;
            }
            else
            {
                _instrs[kept++] = i;
            }
        }
        var removed = _instrs.Count - kept;
        _instrs.RemoveRange(kept, removed);
        return removed;
    }

    /// <summary>Drops the operand that phis of this block receive from <paramref name="pred"/> (one edge).</summary>
    public void RemovePredFromPhis(Block pred)
    {
        foreach (var phi in PhiList())
        {
            var i = phi.PhiBlocks.IndexOf(pred);
            if (i >= 0)
            {
                phi.RemoveOperandAt(i);
            }
        }
    }

    /// <summary>The block's name in dumps.</summary>
    public override string ToString() => "b" + Id;
}
