using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Peephole rewrites from algebraic identities, one <see cref="AlgebraicRule"/> per identity,
/// written in Go's SSA rule notation and grouped by category in the partial files
/// (<c>.Arithmetic</c>, <c>.Bitwise</c>, <c>.Extension</c>, <c>.Comparison</c>). Every rule is
/// sound under <see cref="IrArithmetic"/> (eBPF semantics: <c>x / 0 == 0</c>, <c>x % 0 == x</c>,
/// shift counts masked to the width, i32 values computed in 32 bits), and a test checks each one
/// against it on random operands.
/// <para>
/// Algorithm: instructions are visited in reverse post-order (operands before users); the first
/// rule of the instruction's op that matches gives a replacement, which takes over all uses, and
/// the instruction is removed. A replacement that is a new instruction is simplified in turn.
/// Rules only rewrite towards canonical or cheaper forms (constants on the right, subtraction of
/// a constant as addition, compares narrowed to 32 bits, bit tests as <c>test</c>), so no two
/// rules undo each other. Requires nothing; preserves the CFG; new instructions carry the source
/// of the one they replace.
/// </para>
/// <code>
/// v2 = mul.i32 v1, 8              =>   v2 = shl.i32 v1, 3
/// v3 = zext.i64 v1
/// v4 = cmp.ult.i64 v3, 6          =>   v4 = cmp.ult.i32 v1, 6
/// v5 = and.i32 v1, 4
/// v6 = cmp.ne.i32 v5, 0           =>   v6 = cmp.test.i32 v1, 4
/// </code>
/// </summary>
internal sealed partial class AlgebraicSimplification : IPass
{
    // How many rewrites one instruction may go through in a row; rules never cycle, this only
    // bounds the work if a future rule did.
    private const int MaxRewritesPerInstr = 16;

    // Initialised in this order (textual order within the file); the rule lists are methods, so
    // the partial files have no initialisation order of their own.
    private static readonly AlgebraicRule[] s_rules =
        [.. ArithmeticRules(), .. BitwiseRules(), .. ExtensionRules(), .. ComparisonRules(), .. ByteOrderRules()];

    private static readonly AlgebraicRule[][] s_byOp = IndexByOp(s_rules);

    /// <summary>Every rule, in the order they are tried.</summary>
    public static IReadOnlyList<AlgebraicRule> Rules => s_rules;

    /// <inheritdoc/>
    public string Name => "simplify-algebra";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        // Replacing every use at once scans the whole function per rewrite (quadratic in a firewall of
        // a thousand rules); the walk instead rewrites each instruction's operands when it reaches it
        // (in reverse post-order, after their definitions), and one last scan catches the rest (phis).
        var replaced = new ValueReplacements();
        foreach (var block in DepthFirstOrder.ReversePostOrder(f))
        {
            foreach (var instr in block.Instrs.ToList())
            {
                replaced.Apply(instr);
                var current = instr;
                for (var n = 0; n < MaxRewritesPerInstr && current.Block is not null && current.IsPureComputation(); n++)
                {
                    if (Simplify(f, current) is not ({ } rule, { } replacement))
                    {
                        break;
                    }
                    c.NoteRewrite(Name, rule.Text);
                    replaced.Add(current, replacement);
                    block.Remove(current);
                    if (replacement is not Instr next || next.Block != block)
                    {
                        break;
                    }
                    current = next;
                }
            }
        }
        replaced.ApplyToAll(f);
    }

    /// <summary>The first rule that matches <paramref name="instr"/> and its replacement, or nulls.</summary>
    public static (AlgebraicRule? Rule, Value? Replacement) Simplify(Function f, Instr instr)
    {
        var site = new RewriteSite(f, instr);
        foreach (var rule in s_byOp[(int)instr.Op])
        {
            if (rule.Apply(site) is { } replacement)
            {
                return (rule, replacement);
            }
        }
        return (null, null);
    }

    private static AlgebraicRule[][] IndexByOp(IReadOnlyList<AlgebraicRule> rules)
    {
        var byOp = new AlgebraicRule[Enum.GetValues<Op>().Length][];
        for (var op = 0; op < byOp.Length; op++)
        {
            byOp[op] = rules.Where(r => (int)r.Op == op).ToArray();
        }
        return byOp;
    }

    // The rule "(Op (Const c) x) => (Op x (Const c))" for a commutative op.
    private static AlgebraicRule ConstantRight(Op op) =>
        new($"({op} (Const c) x) => ({op} x (Const c))", op,
            static s => s.A.IsConstant && !s.B.IsConstant ? s.With(s.B, s.A) : null);
}
