using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Reads captured values once, at compile time, and puts them in the tree as constants:
/// "configuration becomes code". A captured variable is a member chain rooted in a constant (the
/// closure object C# makes: <c>value(&lt;&gt;c__DisplayClass0_0).limit</c>, or <c>config.Limits.Max</c>
/// through captured objects), a static field, or an element or length of a captured array with a
/// constant index. Folding runs bottom-up, so a chain folds link by link; what the chain ends in
/// must be a type the program can compute with, which lowering checks (a captured object left as
/// a constant is reported there as <see cref="DiagnosticCode.UnsupportedCapturedValue"/>).
/// Static properties are not folded (their value may change from run to run: <c>DateTime.Now</c>),
/// except the verdicts (<see cref="Verdict.Pass"/> ...), which are constants of the DSL.
/// <code>
/// before: skb =&gt; skb.Len &lt; value(Closure).config.MinLength ? Pass : Drop
/// after:  skb =&gt; skb.Len &lt; 64u ? Verdict.Pass : Verdict.Drop
/// </code>
/// </summary>
internal sealed class FoldCapturedConstants : ProvenanceVisitor
{
    private FoldCapturedConstants(DiagnosticContext context)
        : base(context)
    {
    }

    /// <summary>The lambda with its captured values folded.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        (LambdaExpression)new FoldCapturedConstants(context).Visit(lambda)!;

    /// <summary>Folds the captured values of a subtree (the body of a captured lambda being inlined).</summary>
    public static Expression ApplyTo(Expression node, DiagnosticContext context) =>
        new FoldCapturedConstants(context).Visit(node)!;

    /// <inheritdoc/>
    protected override Expression VisitMember(MemberExpression node)
    {
        var visited = (MemberExpression)base.VisitMember(node);
        return visited.Expression switch
        {
            null when visited.Member is FieldInfo || visited.Type == typeof(Verdict) => Fold(node, () => Read(visited.Member, null)),
            ConstantExpression c => Fold(node, () => Read(visited.Member, c.Value)),
            _ => visited,
        };
    }

    /// <inheritdoc/>
    protected override Expression VisitBinary(BinaryExpression node)
    {
        var visited = base.VisitBinary(node);
        if (visited is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: ConstantExpression array, Right: ConstantExpression index })
        {
            return Fold(node, () => ((Array)array.Value!).GetValue(Convert.ToInt64(index.Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        return visited;
    }

    /// <inheritdoc/>
    protected override Expression VisitUnary(UnaryExpression node)
    {
        var visited = base.VisitUnary(node);
        if (visited is UnaryExpression { NodeType: ExpressionType.ArrayLength, Operand: ConstantExpression array })
        {
            return Fold(node, () => ((Array)array.Value!).Length);
        }
        return visited;
    }

    private ConstantExpression Fold(Expression original, Func<object?> read)
    {
        object? value;
        try
        {
            value = read();
        }
        catch (Exception e) when (e is NullReferenceException or TargetException or TargetInvocationException or IndexOutOfRangeException
            or ArgumentException or InvalidOperationException or MemberAccessException)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            var name = CSharpRenderer.Render(Context.Provenance.Find(original)?.Node ?? original);
            throw Context.Error(original, CompileErrors.CapturedValueFailed(name, cause), cause);
        }
        var folded = Expression.Constant(value, original.Type);
        Context.Provenance.Inherit(folded, original);
        return folded;
    }

    private static object? Read(MemberInfo member, object? instance) => member switch
    {
        FieldInfo f => f.GetValue(instance),
        PropertyInfo p => p.GetValue(instance),
        _ => throw new InvalidOperationException($"{member.MemberType} {member.Name} has no value"),
    };
}
