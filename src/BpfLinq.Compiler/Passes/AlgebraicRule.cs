using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// One rewrite of <see cref="AlgebraicSimplification"/>: the rule in Go's SSA notation
/// (<c>(Add x (Const 0)) =&gt; x</c>), the op of the instructions it looks at, and the code that
/// returns the replacement value, or null when the instruction does not match.
/// </summary>
/// <param name="Text">The rule, as traced and as tests name it.</param>
/// <param name="Op">The op of the root instruction of the pattern.</param>
/// <param name="Apply">Returns the value to use instead of <see cref="RewriteSite.Instr"/>, or null.</param>
internal sealed record AlgebraicRule(string Text, Op Op, Func<RewriteSite, Value?> Apply)
{
    /// <summary>The rule text.</summary>
    public override string ToString() => Text;
}
