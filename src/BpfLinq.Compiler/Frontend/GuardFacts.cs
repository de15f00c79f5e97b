using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// What the conditions around a point of the lambda prove, so that <c>x / y</c> compiles only where
/// the CLR could not throw: <c>y</c> is not 0 and, for int and long, not both <c>x == MinValue</c> and
/// <c>y == -1</c>.
///
/// A fact is "value cond constant holds", taken from a compare-and-branch that the point is
/// dominated by: lowering pushes the facts of <c>c</c> being true while it lowers the true arm of
/// <c>c ? a : b</c> (false for the false arm), the facts of <c>l</c> while it lowers the right side of
/// <c>l &amp;&amp; r</c> (of <c>!l</c> for <c>l || r</c>), and pops them after. Facts name values, not
/// expressions: a key is the SSA value itself for phis, calls and variables' values (an assignment
/// makes a new value, so a fact about the old one cannot leak), and the structure of the
/// computation for pure operations on constants and context loads (the context is read-only in
/// these programs, so <c>skb.Mark</c> read twice is the same value). A label can be reached by a goto
/// from outside the arm that pushed a fact, so lowering places a barrier there: facts below a
/// barrier are not consulted. A value v is proven different from k when some fact <c>v cond c</c> is
/// false for <c>v = k</c>, or when <see cref="ValueRange"/> puts k outside the values v can take
/// (a zero-extended field is never -1, <c>(long)len + 1</c> is never 0). A guard that cannot hold
/// at all (<c>0 != 0</c>, a constant <c>false</c>) pushes <see cref="Fact.Unreachable"/>: nothing
/// under it runs, so nothing there can throw. Only divisions ask: a lambda without one keeps no
/// facts (<see cref="For"/>), which is most programs and most of a 10,000-link chain's garbage.
/// </summary>
internal sealed class GuardFacts
{
    private static readonly List<Fact> s_none = [];
    private readonly bool _keeps;

    private GuardFacts(bool keeps) => _keeps = keeps;

    /// <summary>The facts for lowering <paramref name="root"/>: kept only when it divides.</summary>
    public static GuardFacts For(System.Linq.Expressions.Expression root) => new(NodeFinder.Any(root, n => n.NodeType is System.Linq.Expressions.ExpressionType.Divide or System.Linq.Expressions.ExpressionType.Modulo
        or System.Linq.Expressions.ExpressionType.DivideAssign or System.Linq.Expressions.ExpressionType.ModuloAssign));

    // Each entry is the list of facts one condition proved, kept by reference (pushing the facts of a
    // 50,000-link chain must not copy them at every link); null is a barrier.
    private readonly List<List<Fact>?> _stack = [];
    private readonly Dictionary<Value, int> _keys = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Shape, int> _shapes = [];

    /// <summary>"The value with key <paramref name="Key"/> (of <paramref name="Type"/>) satisfies <c>Cond Bound</c>."</summary>
    internal readonly record struct Fact(int Key, IrType Type, Cond Cond, long Bound)
    {
        /// <summary>The fact of a point no path reaches (a condition that cannot hold there: <c>0 != 0</c>, <c>false</c>).</summary>
        public static Fact Unreachable { get; } = new(-1, IrType.Void, Cond.Eq, 0);
    }

    // What makes two values the same for facts: a constant's type and bits, a parameter's index, an
    // arithmetic instruction's or context load's fields and the keys of its operands (-1 when absent).
    // Keys are numbers: a key spelled out would repeat its operands' keys, quadratic in a chain of adds.
    private readonly record struct Shape(int Kind, Op Op, IrType Type, long Imm, int Size, bool Signed, int A, int B);

    /// <summary>The number of fact lists and barriers pushed, for <see cref="PopTo"/>.</summary>
    public int Depth => _stack.Count;

    /// <summary>Makes <paramref name="facts"/> hold until <see cref="PopTo"/> removes them.</summary>
    public void Push(List<Fact> facts) => _stack.Add(facts);

    /// <summary>Hides every fact pushed so far until <see cref="PopTo"/> removes the barrier.</summary>
    public void Barrier() => _stack.Add(null);

    /// <summary>Forgets what was pushed after <paramref name="depth"/>.</summary>
    public void PopTo(int depth) => _stack.RemoveRange(depth, _stack.Count - depth);

    /// <summary>The facts that hold where <paramref name="cmp"/> evaluated to <paramref name="outcome"/>.</summary>
    public List<Fact> FromCompare(Instr cmp, bool outcome)
    {
        if (!_keeps)
        {
            return s_none; // never added to: merging two empty lists adds nothing
        }
        var facts = new List<Fact>(2); // at most a fact and the one its extension carries
        var cond = outcome ? cmp.Cond : cmp.Cond.Negate();
        var (a, b) = (cmp.Operands[0], cmp.Operands[1]);
        if (a is Constant x && b is Constant y)
        {
            // A guard such as `0 != 0 ? x / 0 : 0`: the arm is dead, so nothing in it can throw.
            return cond.Evaluate(x.Bits, y.Bits, a.Type == IrType.I64) ? facts : [Fact.Unreachable];
        }
        if (b is Constant cb)
        {
            Add(facts, a, cond, cb.Bits);
        }
        else if (a is Constant ca)
        {
            Add(facts, b, cond.Swap(), ca.Bits);
        }
        return facts;
    }

    /// <summary>True when <paramref name="value"/> is proven not to be <paramref name="bits"/> (canonical for its type) here.</summary>
    public bool Excludes(Value value, long bits)
    {
        if (IsUnreachable)
        {
            return true; // nothing runs here, so nothing can throw
        }
        bits = IrArithmetic.Canonical(value.Type, bits);
        if (value is Constant c)
        {
            return c.Bits != bits;
        }
        if (ValueRange.Of(value) is { } range && (bits < range.Min || bits > range.Max))
        {
            return true;
        }
        if (value is Instr { Op: Op.ZExt or Op.SExt } ext && (bits == 0 || (bits == -1 && ext.Op == Op.SExt)))
        {
            return Excludes(ext.Operands[0], bits);
        }
        var key = KeyOf(value);
        return VisibleFacts().Any(fact => fact.Key == key && fact.Type == value.Type
            && !fact.Cond.Evaluate(bits, fact.Bound, value.Type == IrType.I64));
    }

    /// <summary>True where a visible guard cannot hold: the point is dead code.</summary>
    private bool IsUnreachable => VisibleFacts().Contains(Fact.Unreachable);

    // The facts pushed since the last barrier, newest first.
    private IEnumerable<Fact> VisibleFacts()
    {
        for (var i = _stack.Count - 1; i >= 0 && _stack[i] is { } facts; i--)
        {
            foreach (var fact in facts)
            {
                yield return fact;
            }
        }
    }

    private void Add(List<Fact> facts, Value value, Cond cond, long bound)
    {
        facts.Add(new Fact(KeyOf(value), value.Type, cond, bound));
        // (long)x != 0 says x != 0: the equality facts carry through an extension of an i32.
        if (value is Instr { Op: Op.ZExt or Op.SExt } ext && cond is Cond.Eq or Cond.Ne
            && IrArithmetic.Unary(ext.Op, IrType.I64, bound) == bound)
        {
            facts.Add(new Fact(KeyOf(ext.Operands[0]), IrType.I32, cond, IrArithmetic.Canonical(IrType.I32, bound)));
        }
    }

    private int KeyOf(Value value)
    {
        if (!_keys.TryGetValue(value, out var key))
        {
            _keys[value] = key = _keys.Count + _shapes.Count; // meanwhile (a cycle in dead code) it is only itself
            Shape? shape = value switch
            {
                Constant c => new Shape(0, default, c.Type, c.Bits, 0, false, -1, -1),
                Param p => new Shape(1, default, p.Type, p.Index, 0, false, -1, -1),
                Instr { Op: Op.Load } load when load.Operands[0] is Param { Type: IrType.CtxPtr } => ShapeOf(load),
                Instr i when i.Op is >= Op.Add and <= Op.ByteSwap && i.Operands.Count <= 2 => ShapeOf(i),
                _ => null, // only itself
            };
            if (shape is { } s)
            {
                if (!_shapes.TryGetValue(s, out var shared))
                {
                    _shapes[s] = shared = key;
                }
                _keys[value] = key = shared;
            }
        }
        return key;
    }

    private Shape ShapeOf(Instr i) => new(2, i.Op, i.Type, i.Imm, i.Size, i.Signed,
        i.Operands.Count > 0 ? KeyOf(i.Operands[0]) : -1, i.Operands.Count > 1 ? KeyOf(i.Operands[1]) : -1);
}
