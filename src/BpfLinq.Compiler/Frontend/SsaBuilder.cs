using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// On-the-fly SSA construction: Braun, Buchwald, Hack, Leißa, Mallon and Zwinkau, "Simple and
/// Efficient Construction of Static Single Assignment Form" (CC 2013), Algorithms 1–4.
///
/// Lowering writes a variable in the block it is in and reads it where it is used; no dominance
/// frontiers are computed. A read looks for the variable's definition in the block, then walks up:
/// a block with one predecessor asks it; a join asks every predecessor and records the answers in
/// a phi. A block whose predecessors are not all known yet (a loop header before its back edge, a
/// label before every goto to it) is not <em>sealed</em>: reads there create an operandless phi
/// that <see cref="SealBlock"/> completes. A phi whose operands are all one value (or itself) is
/// trivial: it is replaced by that value everywhere, which may make the phis that used it trivial
/// in turn. The result is minimal SSA for the structured code the front end emits (the paper's
/// Section 3.2 "reducible CFG" case); irreducible code from gotos is still correct, just not minimal.
///
/// Variables are keys (a <c>ParameterExpression</c>, a label's value) declared with their IR type
/// and initial value: a read that reaches the entry (or an unreachable block) without a definition
/// yields the initial value, which is how C# variables start (zeroed once, on entry to the lambda,
/// not on each entry to their block: the CLR's compiled trees behave so).
/// </summary>
internal sealed class SsaBuilder
{
    private readonly Function _function;
    private readonly Dictionary<(object Variable, Block Block), Value> _currentDef = [];
    private readonly Dictionary<Block, List<(object Variable, Instr Phi)>> _incompletePhis = [];
    private readonly BlockMarks _sealed = new();
    private readonly Dictionary<object, (IrType Type, SourceRef? Source, Constant Initial)> _variables = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Instr, Value> _forward = [];
    private readonly Dictionary<Instr, object> _phiVariable = [];
    private readonly HashSet<(object, Block)> _reading = [];

    /// <summary>Creates a builder for the blocks of <paramref name="function"/>.</summary>
    public SsaBuilder(Function function) => _function = function;

    /// <summary>Declares a variable (once): its type, its value before any write, and the source stamped on the phis made for it.</summary>
    public void Declare(object variable, IrType type, Constant initial, SourceRef? source) => _variables.TryAdd(variable, (type, source, initial));

    /// <summary>True once <paramref name="variable"/> has been declared.</summary>
    public bool IsDeclared(object variable) => _variables.ContainsKey(variable);

    /// <summary>The type a variable was declared with.</summary>
    public IrType TypeOf(object variable) => _variables[variable].Type;

    /// <summary>True when every predecessor of <paramref name="block"/> is known.</summary>
    public bool IsSealed(Block block) => _sealed.Contains(block);

    /// <summary>Records that <paramref name="variable"/> holds <paramref name="value"/> at the end of <paramref name="block"/> (so far).</summary>
    public void WriteVariable(object variable, Block block, Value value) => _currentDef[(variable, block)] = value;

    /// <summary>The value <paramref name="variable"/> holds at the current end of <paramref name="block"/>.</summary>
    public Value ReadVariable(object variable, Block block) =>
        Resolve(_currentDef.TryGetValue((variable, block), out var value) ? value : ReadVariableRecursive(variable, block));

    /// <summary>
    /// The value that stands for <paramref name="value"/> now: a removed trivial phi forwards to its
    /// replacement (for values the caller held while a block was sealed).
    /// </summary>
    public Value Resolve(Value value)
    {
        while (value is Instr i && _forward.TryGetValue(i, out var next))
        {
            value = next;
        }
        return value;
    }

    /// <summary>Declares that <paramref name="block"/> will get no more predecessors, completing its pending phis.</summary>
    public void SealBlock(Block block)
    {
        if (!_sealed.Add(block))
        {
            return;
        }
        if (_incompletePhis.Remove(block, out var pending))
        {
            foreach (var (variable, phi) in pending)
            {
                AddPhiOperands(variable, phi);
            }
        }
    }

    private Value ReadVariableRecursive(object variable, Block block)
    {
        Value value;
        if (!_sealed.Contains(block))
        {
            var phi = NewPhi(variable, block);
            if (!_incompletePhis.TryGetValue(block, out var pending))
            {
                pending = [];
                _incompletePhis[block] = pending;
            }
            pending.Add((variable, phi));
            value = phi;
        }
        else if (block.Preds.Count == 0)
        {
            value = Undefined(variable);
        }
        else if (block.Preds.Count == 1)
        {
            // A cycle of single-predecessor blocks has no way in from the entry: unreachable code,
            // where the variable is as undefined as in a block without predecessors.
            if (!_reading.Add((variable, block)))
            {
                return Undefined(variable);
            }
            value = ReadVariable(variable, block.Preds[0]);
            _reading.Remove((variable, block));
        }
        else
        {
            // Break cycles: the phi is the variable's definition while its operands are read.
            var phi = NewPhi(variable, block);
            WriteVariable(variable, block, phi);
            value = AddPhiOperands(variable, phi);
        }
        WriteVariable(variable, block, value);
        return value;
    }

    private Value AddPhiOperands(object variable, Instr phi)
    {
        foreach (var pred in phi.Block!.Preds)
        {
            IrBuilder.AddPhiIncoming(phi, pred, ReadVariable(variable, pred));
        }
        return TryRemoveTrivialPhi(phi);
    }

    private Value TryRemoveTrivialPhi(Instr phi)
    {
        Value? same = null;
        foreach (var operand in phi.Operands)
        {
            if (ReferenceEquals(operand, same) || ReferenceEquals(operand, phi))
            {
                continue;
            }
            if (same is not null)
            {
                return phi; // merges at least two values: not trivial
            }
            same = operand;
        }
        // No operand, only itself, or one value computed from the phi (a loop no path enters): the
        // block is unreachable and the variable as undefined as anywhere else no path reaches.
        if (same is null || DependsOn(same, phi))
        {
            same = Undefined(_phiVariable[phi]);
        }
        var users = _function.AllInstrs().Where(i => i != phi && i.Operands.Contains(phi)).ToList();
        phi.Block!.Remove(phi);
        _forward[phi] = same;
        _function.ReplaceAllUses(phi, same);
        foreach (var key in _currentDef.Where(d => ReferenceEquals(d.Value, phi)).Select(d => d.Key).ToList())
        {
            _currentDef[key] = same;
        }
        foreach (var user in users.Where(u => u.Op == Op.Phi && u.Block is not null))
        {
            TryRemoveTrivialPhi(user);
        }
        return Resolve(same);
    }

    // True when `value` is computed from `phi` through ordinary instructions (not through other phis).
    private static bool DependsOn(Value value, Instr phi)
    {
        var seen = new HashSet<Instr>();
        var work = new Stack<Value>([value]);
        while (work.Count > 0)
        {
            if (work.Pop() is not Instr i || !seen.Add(i))
            {
                continue;
            }
            if (i == phi)
            {
                return true;
            }
            if (i.Op != Op.Phi)
            {
                foreach (var operand in i.Operands)
                {
                    work.Push(operand);
                }
            }
        }
        return false;
    }

    private Instr NewPhi(object variable, Block block)
    {
        var (type, source, _) = _variables[variable];
        var phi = IrBuilder.Create(Op.Phi, type);
        phi.Source = source;
        _phiVariable[phi] = variable;
        return block.InsertPhi(phi);
    }

    private Constant Undefined(object variable) => _variables[variable].Initial;
}
