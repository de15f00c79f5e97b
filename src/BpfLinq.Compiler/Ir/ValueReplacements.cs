namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Values a pass replaced by others, applied to an instruction's operands when the pass next looks
/// at it, then once to the whole function: replacing every use at once
/// (<see cref="Function.ReplaceAllUses"/>) scans the function per replaced value, quadratic when a
/// pass replaces thousands. A replacement that is replaced in turn is followed to the last one.
/// </summary>
internal sealed class ValueReplacements
{
    private readonly Dictionary<Value, Value> _map = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many values were replaced.</summary>
    public int Count => _map.Count;

    /// <summary>Records that every use of <paramref name="from"/> reads <paramref name="to"/> instead.</summary>
    public void Add(Value from, Value to) => _map[from] = to;

    /// <summary>What <paramref name="value"/> stands for now.</summary>
    public Value Resolve(Value value)
    {
        while (_map.TryGetValue(value, out var to))
        {
            value = to;
        }
        return value;
    }

    /// <summary>Points the operands of <paramref name="instr"/> at what replaced them.</summary>
    public void Apply(Instr instr)
    {
        if (_map.Count == 0)
        {
            return;
        }
        for (var k = 0; k < instr.Operands.Count; k++)
        {
            var operand = instr.Operands[k];
            var to = Resolve(operand);
            if (!ReferenceEquals(operand, to))
            {
                instr.SetOperand(k, to);
            }
        }
    }

    /// <summary>Applies the replacements to every instruction of <paramref name="f"/>.</summary>
    public void ApplyToAll(Function f)
    {
        if (_map.Count == 0)
        {
            return;
        }
        foreach (var block in f.Blocks)
        {
            foreach (var instr in block.Instrs)
            {
                Apply(instr);
            }
        }
    }
}
