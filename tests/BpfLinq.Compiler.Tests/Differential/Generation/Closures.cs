using System.Linq.Expressions;
using System.Reflection;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Captured variables as the C# compiler makes them: each factory captures a local in a real lambda
/// and returns its body, so the tree holds a compiler-generated closure object
/// (<c>value(&lt;&gt;c__DisplayClass).captured</c>), a member of a captured object
/// (<c>settings.Value</c>), an element of a captured array, or a captured delegate.
/// </summary>
internal static class Closures
{
    private static readonly MethodInfo s_local = Method(nameof(CaptureLocal));
    private static readonly MethodInfo s_member = Method(nameof(CaptureMember));
    private static readonly MethodInfo s_element = Method(nameof(CaptureElement));

    /// <summary><c>captured</c>: a local of <paramref name="type"/> holding <paramref name="value"/>.</summary>
    public static Expression Local(Type type, object value) => (Expression)s_local.MakeGenericMethod(type).Invoke(null, [value])!;

    /// <summary><c>settings.Value</c>: a property of a captured object.</summary>
    public static Expression Member(Type type, object value) => (Expression)s_member.MakeGenericMethod(type).Invoke(null, [value])!;

    /// <summary><c>table[index]</c>: an element of a captured array (the index is captured too).</summary>
    public static Expression Element(Type type, Array table, int index) => (Expression)s_element.MakeGenericMethod(type).Invoke(null, [table, index])!;

    /// <summary><c>transform(argument)</c>: a call of a captured delegate (not an inlinable lambda).</summary>
    public static Expression InvokeDelegate(Expression argument)
    {
        Func<int, int> transform = x => x * 3 + 1;
        Expression<Func<int, int>> call = a => transform(a);
        return new ParameterReplacer(call.Parameters[0], argument).Visit(call.Body);
    }

    private static Expression CaptureLocal<T>(T value)
    {
        T captured = value;
        Expression<Func<T>> lambda = () => captured;
        return lambda.Body;
    }

    private static Expression CaptureMember<T>(T value)
    {
        var settings = new CapturedSettings<T>(value);
        Expression<Func<T>> lambda = () => settings.Value;
        return lambda.Body;
    }

    private static Expression CaptureElement<T>(T[] table, int index)
    {
        Expression<Func<T>> lambda = () => table[index];
        return lambda.Body;
    }

    private static MethodInfo Method(string name) =>
        typeof(Closures).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}

/// <summary>A captured configuration object (the <c>settings.Value</c> of <see cref="Closures.Member"/>).</summary>
internal sealed class CapturedSettings<T>(T value)
{
    /// <summary>The configured value.</summary>
    public T Value { get; } = value;
}
