using System.Linq.Expressions;
using System.Reflection;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

// Verdict-typed trees: `cond ? Pass : Drop` nests, with Keep(n) for socket filters (n any uint tree), Tx, Redirect and
// Aborted for XDP, and (hand-built) Switch and Block of verdicts.
internal sealed partial class ExpressionTreeBuilder
{
    private static readonly MethodInfo s_keep = typeof(Verdict).GetMethod(nameof(Verdict.Keep))!;

    /// <summary><c>Verdict.Pass</c> as <c>using static BpfLinq.Verdict</c> writes it: a static property access.</summary>
    public static Expression VerdictNamed(string name) => Expression.Property(null, typeof(Verdict).GetProperty(name)!);

    private Expression VerdictValue(int depth, TreeScope scope) => Choose(
        (3, () => VerdictLeaf(scope)),
        (_kind == ProgramKind.SocketFilter ? 1 : 0, () => Expression.Call(s_keep, Build(typeof(uint), depth - 1, scope))),
        (12, () => Expression.Condition(Build(typeof(bool), depth - 1, scope), Build(typeof(Verdict), depth - 1, scope), Build(typeof(Verdict), depth - 1, scope))),
        (_settings.HandBuilt ? 1 : 0, () => SwitchOf(typeof(Verdict), depth, scope)),
        (_settings.HandBuilt ? 1 : 0, () => BlockOf(typeof(Verdict), depth, scope)));

    private Expression VerdictLeaf(TreeScope scope) => Choose(
        (10, () => VerdictNamed(nameof(Verdict.Pass))),
        (10, () => VerdictNamed(nameof(Verdict.Drop))),
        (_kind == ProgramKind.Xdp ? 4 : 0, () => VerdictNamed(Pick([nameof(Verdict.Tx), nameof(Verdict.Redirect), nameof(Verdict.Aborted)]))));

    // A verdict this kind does not have (Tx outside XDP, Keep outside socket filters).
    private Expression? ForeignVerdict() => _kind switch
    {
        ProgramKind.Xdp => Expression.Call(s_keep, Expression.Constant(64u)),
        ProgramKind.SocketFilter => VerdictNamed(nameof(Verdict.Redirect)),
        _ => VerdictNamed(Pick([nameof(Verdict.Tx), nameof(Verdict.Aborted)])),
    };
}
