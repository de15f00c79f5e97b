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
    private readonly CapturedValues? _captured;

    private FoldCapturedConstants(DiagnosticContext context, CapturedValues? captured)
        : base(context) => _captured = captured;

    /// <summary>The lambda with its captured values folded (read from the compilation's snapshot).</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        (LambdaExpression)new FoldCapturedConstants(context, context.Captured).Visit(lambda)!;

    /// <summary>The lambda with its captured values folded, read from <paramref name="captured"/>.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context, CapturedValues? captured) =>
        (LambdaExpression)new FoldCapturedConstants(context, captured).Visit(lambda)!;

    /// <summary>Folds the captured values of a function's lambda, read from the function's own snapshot.</summary>
    public static LambdaExpression Apply(BpfFunction function, DiagnosticContext context) =>
        Apply(function.Lambda, context, function.Captured);

    /// <summary>Folds the captured values of a subtree (the body of a captured lambda being inlined).</summary>
    public static Expression ApplyTo(Expression node, DiagnosticContext context) =>
        new FoldCapturedConstants(context, context.Captured).Visit(node)!;

    /// <inheritdoc/>
    protected override Expression VisitMember(MemberExpression node)
    {
        var visited = (MemberExpression)base.VisitMember(node);
        return visited.Expression switch
        {
            null when visited.Member is FieldInfo || visited.Type == typeof(Verdict) => FoldRead(node, visited.Member, null),
            ConstantExpression c when Nullable.GetUnderlyingType(c.Type) is not null => FoldNullable(node, c, visited.Member.Name),
            ConstantExpression c => FoldRead(node, visited.Member, c.Value),
            _ => visited, // a context field: most members of a program, so nothing is allocated for them
        };
    }

    // The folds that read a value take it as a closure (Fold places what it throws); made here, a
    // closure is allocated only for the nodes that fold, not for every node visited.
    private ConstantExpression FoldRead(MemberExpression node, MemberInfo member, object? instance) => Fold(node, () => Read(member, instance));

    private ConstantExpression FoldArrayLength(UnaryExpression node, Array array) => Fold(node, () => array.Length);

    private ConstantExpression FoldElement(BinaryExpression node, Array array, object? index) =>
        Fold(node, () => array.GetValue(Convert.ToInt64(index, System.Globalization.CultureInfo.InvariantCulture)));

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        // default(int?).GetValueOrDefault(), constant?.GetValueOrDefault(7): decided now, as .HasValue is.
        if (visited is { Method.Name: nameof(Nullable<int>.GetValueOrDefault), Object: ConstantExpression c }
            && Nullable.GetUnderlyingType(c.Type) is { } underlying && visited.Arguments.All(a => a is ConstantExpression))
        {
            var fallback = visited.Arguments.Count == 1 ? ((ConstantExpression)visited.Arguments[0]).Value : DefaultOf(underlying);
            return Folded(node, c.Value ?? fallback, underlying);
        }
        return visited;
    }

    // default(T) for a type known only at run time, without reflection on T (the trimmer cannot see
    // which constructors that would need): the interpreter evaluates `(object)default(T)`.
    private static object? DefaultOf(Type type) =>
        Expression.Lambda<Func<object?>>(Expression.Convert(Expression.Default(type), typeof(object))).Compile(preferInterpretation: true)();

    /// <inheritdoc/>
    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (AssignsCapturedValue(node.NodeType, node.Operand))
        {
            throw Context.Error(node, CompileErrors.CapturedValueAssigned(node.Operand));
        }
        var visited = base.VisitUnary(node);
        if (visited is UnaryExpression { NodeType: ExpressionType.ArrayLength, Operand: ConstantExpression array })
        {
            return FoldArrayLength(node, (Array)array.Value!);
        }
        return visited;
    }

    /// <inheritdoc/>
    protected override Expression VisitBinary(BinaryExpression node)
    {
        // Folding the target would leave `64 = x`, which the Expression API refuses to build.
        if (AssignsCapturedValue(node.NodeType, node.Left))
        {
            throw Context.Error(node, CompileErrors.CapturedValueAssigned(node.Left));
        }
        var visited = base.VisitBinary(node);
        if (visited is BinaryExpression { NodeType: ExpressionType.ArrayIndex, Left: ConstantExpression array, Right: ConstantExpression index })
        {
            return FoldElement(node, (Array)array.Value!, index.Value);
        }
        return visited;
    }

    // A member of a constant int?: HasValue and a present Value fold; a missing Value is the error .NET would throw.
    private ConstantExpression FoldNullable(MemberExpression original, ConstantExpression nullable, string member) => member switch
    {
        nameof(Nullable<int>.HasValue) => Folded(original, nullable.Value is not null, typeof(bool)),
        nameof(Nullable<int>.Value) when nullable.Value is not null => Folded(original, nullable.Value, original.Type),
        _ => throw Context.Error(original, CompileErrors.NullableWithoutValue(original)),
    };

    // `x = ...`, `x += ...`, `x++` where x is a captured variable (a member chain this step folds).
    private static bool AssignsCapturedValue(ExpressionType nodeType, Expression target) =>
        (AssignedVariables.IsAssignment(nodeType) || AssignedVariables.IsIncrement(nodeType)) && IsCapturedMember(target);

    private static bool IsCapturedMember(Expression node) => node switch
    {
        MemberExpression { Expression: null, Member: FieldInfo } => true,
        MemberExpression { Expression: ConstantExpression } => true,
        MemberExpression { Expression: { } inner } => IsCapturedMember(inner),
        _ => false,
    };

    private ConstantExpression Folded(Expression original, object? value, Type type)
    {
        var folded = Expression.Constant(value, type);
        Context.Provenance.Inherit(folded, original);
        return folded;
    }

    private ConstantExpression Fold(Expression original, Func<object?> read)
    {
        object? value;
        try
        {
            value = _captured is null ? read() : _captured.Read(original, read);
        }
        catch (Exception e) when (e is NullReferenceException or TargetException or TargetInvocationException or IndexOutOfRangeException
            or ArgumentException or InvalidOperationException or MemberAccessException)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            var name = CSharpRenderer.Render(Context.Provenance.Find(original)?.Node ?? original);
            throw Context.Error(original, CompileErrors.CapturedValueFailed(name, cause), cause);
        }
        return Folded(original, value, original.Type);
    }

    private static object? Read(MemberInfo member, object? instance) => member switch
    {
        FieldInfo f => f.GetValue(instance),
        PropertyInfo p => p.GetValue(instance),
        _ => throw new InvalidOperationException($"{member.MemberType} {member.Name} has no value"),
    };
}
