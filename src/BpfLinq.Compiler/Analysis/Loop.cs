namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// A natural loop of a <see cref="LoopForest{TBlock}"/>: a header that dominates every block of the loop,
/// the latches whose back edges return to it, and the loops nested inside. Loops that share a
/// header are one loop.
/// </summary>
internal sealed class Loop<TBlock>
    where TBlock : class
{
    private readonly BitSet _members;
    private readonly Func<TBlock, int> _index;
    private readonly List<Loop<TBlock>> _children = [];

    internal Loop(TBlock header, IReadOnlyList<TBlock> latches, IReadOnlyList<TBlock> blocks, BitSet members, Func<TBlock, int> index)
    {
        Header = header;
        Latches = latches;
        Blocks = blocks;
        _members = members;
        _index = index;
    }

    /// <summary>The block every iteration starts at.</summary>
    public TBlock Header { get; }

    /// <summary>The blocks with a back edge to the header, in reverse post-order.</summary>
    public IReadOnlyList<TBlock> Latches { get; }

    /// <summary>Every block of the loop, nested loops included, in reverse post-order (header first).</summary>
    public IReadOnlyList<TBlock> Blocks { get; }

    /// <summary>The innermost loop containing this one, or null for an outermost loop.</summary>
    public Loop<TBlock>? Parent { get; private set; }

    /// <summary>The loops directly nested in this one, in reverse post-order of their headers.</summary>
    public IReadOnlyList<Loop<TBlock>> Children => _children;

    /// <summary>Nesting depth: 1 for an outermost loop.</summary>
    public int Depth => Parent is null ? 1 : Parent.Depth + 1;

    /// <summary>True when <paramref name="block"/> belongs to the loop (or a nested one).</summary>
    public bool Contains(TBlock block) => _members.Contains(_index(block));

    internal void SetParent(Loop<TBlock> parent)
    {
        Parent = parent;
        parent._children.Add(this);
    }

    /// <summary>The loop as <c>loop b1 [b1 b2 b3]</c>.</summary>
    public override string ToString() => $"loop {Header} [{string.Join(" ", Blocks)}]";
}
