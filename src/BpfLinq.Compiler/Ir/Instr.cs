namespace BpfLinq.Compiler.Ir;

/// <summary>
/// One IR instruction and, when its type is not <see cref="IrType.Void"/>, the SSA value it defines.
/// Fields that only some ops use: <see cref="Cond"/> (cmp), <see cref="Imm"/> (offset of load/store,
/// helper id of call, bit count of sextin/byteswap), <see cref="Size"/> and <see cref="Signed"/>
/// (load/store width), <see cref="Targets"/> (terminators), <see cref="PhiBlocks"/> (phi).
/// </summary>
internal sealed class Instr : Value
{
    private readonly List<Value> _operands;
    private List<Block>? _phiBlocks;

    internal Instr(Op op, IrType type, IEnumerable<Value> operands)
        : base(type)
    {
        Op = op;
        _operands = [.. operands];
    }

    /// <summary>The operation.</summary>
    public Op Op { get; internal set; }

    /// <summary>The operands, in order.</summary>
    public IReadOnlyList<Value> Operands => _operands;

    /// <summary>The block holding this instruction; null once removed.</summary>
    public Block? Block { get; internal set; }

    /// <summary>Comparison condition of a <see cref="Op.Cmp"/>.</summary>
    public Cond Cond { get; set; }

    /// <summary>Immediate: memory offset, helper id, or bit count, depending on the op.</summary>
    public long Imm { get; set; }

    /// <summary>Access width in bytes (1, 2, 4, 8) of a load or store.</summary>
    public int Size { get; set; }

    /// <summary>Where a <see cref="Op.PacketLoad"/> or <see cref="Op.VlanSkip"/> counts from.</summary>
    public PacketAnchor Anchor { get; set; }

    /// <summary>Whether a load sign-extends.</summary>
    public bool Signed { get; set; }

    /// <summary>Successor blocks of a terminator (empty for others).</summary>
    public Block[] Targets { get; internal set; } = [];

    /// <summary>For a phi: the incoming block of each operand, aligned with <see cref="Operands"/>.</summary>
    public List<Block> PhiBlocks => _phiBlocks ??= []; // made on first use: most instructions are not phis

    /// <summary>Where the instruction came from, for dumps, the source map and line_info.</summary>
    public SourceRef? Source { get; set; }

    /// <summary>Dense id used in dumps and by analyses' arrays; assigned by <see cref="Function.Renumber"/>.</summary>
    public int Id { get; internal set; } = -1;

    /// <summary>A scratch mark for the pass that is running (dead code elimination's live set); meaningless between passes.</summary>
    internal bool Marked { get; set; }

    /// <summary>The op's static properties.</summary>
    public OpInfo Info => OpInfo.Of(Op);

    /// <summary>True for br, condbr and ret.</summary>
    public bool IsTerminator => Info.IsTerminator;

    /// <summary>Replaces operand <paramref name="index"/>.</summary>
    public void SetOperand(int index, Value value) => _operands[index] = value;

    /// <summary>Appends an operand (phis and calls).</summary>
    public void AddOperand(Value value) => _operands.Add(value);

    /// <summary>Removes operand <paramref name="index"/> (and its incoming block for a phi).</summary>
    public void RemoveOperandAt(int index)
    {
        _operands.RemoveAt(index);
        if (Op == Op.Phi)
        {
            PhiBlocks.RemoveAt(index);
        }
    }

    /// <summary>Replaces every use of <paramref name="from"/> among the operands.</summary>
    public bool ReplaceOperand(Value from, Value to)
    {
        var changed = false;
        for (var i = 0; i < _operands.Count; i++)
        {
            if (ReferenceEquals(_operands[i], from))
            {
                _operands[i] = to;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>For a phi, the operand arriving from <paramref name="pred"/>.</summary>
    public Value IncomingFrom(Block pred) => _operands[PhiBlocks.IndexOf(pred)];

    /// <summary>Matches <c>op a, b</c> and returns the operands.</summary>
    public bool Match(Op op, out Value a, out Value b)
    {
        if (Op == op && _operands.Count == 2)
        {
            a = _operands[0];
            b = _operands[1];
            return true;
        }
        a = b = null!;
        return false;
    }

    /// <summary>The instruction as one line of IR text (without its source comment).</summary>
    public override string ToString() => IrPrinter.FormatInstr(this);
}
