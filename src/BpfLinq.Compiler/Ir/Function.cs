namespace BpfLinq.Compiler.Ir;

/// <summary>
/// An IR function: parameters, blocks (the first is the entry and has no predecessors), a return
/// type, and the constants its instructions use (interned, so equal constants are one object).
/// </summary>
internal sealed partial class Function
{
    private readonly List<Block> _blocks = [];
    private readonly List<Param> _params = [];
    private readonly Dictionary<(IrType, long), Constant> _constants = [];

    /// <summary>Creates an empty function.</summary>
    public Function(string name, IrType returnType)
    {
        Name = name;
        ReturnType = returnType;
    }

    /// <summary>The function's name (the program or subprogram name).</summary>
    public string Name { get; }

    /// <summary>Type of the value <see cref="Op.Ret"/> returns.</summary>
    public IrType ReturnType { get; }

    /// <summary>
    /// The program's context pointer in this function, for the passes that expand packet access: the
    /// first parameter of the entry function, the pointer a loop callback loads from its frame, or a
    /// subprogram's context parameter; null when the function never sees it or finds it in a frame (<see cref="ContextInFrame"/>).
    /// </summary>
    public Value? Context { get; set; }

    /// <summary>
    /// True for a program's entry, whose r0 the kernel reads as 32 bits; false for subprograms and
    /// callbacks, whose callers read all 64 (so <c>ReturnNarrowing</c> leaves them alone).
    /// </summary>
    public bool ReturnsToKernel { get; set; } = true;

    /// <summary>For a loop callback: the frame parameter and offset its context pointer is stored at (loaded again when a pass needs it).</summary>
    public (Param Frame, int Offset)? ContextInFrame { get; set; }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<Param> Params => _params;

    /// <summary>The blocks; <c>Blocks[0]</c> is the entry.</summary>
    public IReadOnlyList<Block> Blocks => Compacted();

    /// <summary>The entry block.</summary>
    public Block Entry => _blocks[0].IsRemoved ? Compacted()[0] : _blocks[0];

    /// <summary>Adds a parameter.</summary>
    public Param AddParam(IrType type)
    {
        var p = new Param(type, _params.Count);
        _params.Add(p);
        return p;
    }

    /// <summary>Adds an empty block at the end.</summary>
    public Block AddBlock()
    {
        Compacted();
        EdgesChanged();
        var b = new Block(this, _blocks.Count) { Position = _blocks.Count };
        _blocks.Add(b);
        return b;
    }

    /// <summary>Removes a block that no longer has predecessors; its terminator's edges are removed too.</summary>
    public void RemoveBlock(Block block)
    {
        if (block.Preds.Count != 0)
        {
            throw new InvalidOperationException($"{block} still has predecessors");
        }
        if (block.Terminator is { } terminator)
        {
            foreach (var succ in terminator.Targets)
            {
                succ.RemovePredFromPhis(block);
            }
        }
        block.RemoveTerminator();
        block.IsRemoved = true;
        _removed++;
        EdgesChanged();
    }

    /// <summary>Counts changes of the graph's shape (blocks added or removed, terminators replaced), so a search's memo is known current without comparing the graph.</summary>
    internal int ShapeVersion { get; private set; }

    /// <summary>The <see cref="ShapeVersion"/> at which every block was last found reachable, or -1.</summary>
    internal int AllReachableAt { get; set; } = -1;

    /// <summary>Called whenever a block or an edge is added or removed.</summary>
    internal void EdgesChanged() => ShapeVersion++;

    // Set when blocks moved in the list: their Position is renewed before it is next read.
    private bool _positionsStale;

    // Blocks removed but still in the list. Removing each from the middle of a list of 10,000 blocks
    // is quadratic when a pass removes thousands; they are dropped all at once when the list is next read.
    private int _removed;

    private List<Block> Compacted()
    {
        if (_removed > 0)
        {
            _blocks.RemoveAll(static b => b.IsRemoved);
            _removed = 0;
            _positionsStale = true;
        }
        return _blocks;
    }

    /// <summary>Reorders the blocks (the entry must stay first).</summary>
    public void ReorderBlocks(IReadOnlyList<Block> order)
    {
        Compacted();
        if (order.Count != _blocks.Count || order[0] != _blocks[0] || order.Except(_blocks).Any())
        {
            throw new ArgumentException("an order must hold every block once, entry first", nameof(order));
        }
        _blocks.Clear();
        _blocks.AddRange(order);
        _positionsStale = true;
    }

    /// <summary>The interned constant of a type (i32 values are normalised to their sign-extended 32 bits).</summary>
    public Constant Const(IrType type, long value)
    {
        var bits = type switch
        {
            IrType.I32 => (int)value,
            IrType.I64 => value,
            IrType.Bool => value != 0 ? 1 : 0,
            _ => throw new ArgumentException($"no constants of type {type.Name()}", nameof(type)),
        };
        if (!_constants.TryGetValue((type, bits), out var c))
        {
            c = new Constant(type, bits);
            _constants.Add((type, bits), c);
        }
        return c;
    }

    /// <summary>Every instruction, block by block.</summary>
    public IEnumerable<Instr> AllInstrs() => Compacted().SelectMany(b => b.Instrs);

    /// <summary>Assigns dense ids: blocks by position, parameters then instructions in block order.</summary>
    public void Renumber()
    {
        var next = 0;
        Compacted();
        for (var i = 0; i < _blocks.Count; i++)
        {
            _blocks[i].Id = i;
        }
        foreach (var p in _params)
        {
            p.Id = next++;
        }
        foreach (var instr in AllInstrs())
        {
            instr.Id = instr.Type == IrType.Void ? -1 : next++;
        }
        ValueCount = next;
    }

    /// <summary>One more than the largest value id after <see cref="Renumber"/>.</summary>
    public int ValueCount { get; private set; }

    /// <summary>Replaces every use of <paramref name="from"/> by <paramref name="to"/> in the whole function.</summary>
    public void ReplaceAllUses(Value from, Value to)
    {
        foreach (var instr in AllInstrs())
        {
            instr.ReplaceOperand(from, to);
        }
    }

    /// <summary>The function as IR text.</summary>
    public override string ToString() => IrPrinter.Print(this);
}
