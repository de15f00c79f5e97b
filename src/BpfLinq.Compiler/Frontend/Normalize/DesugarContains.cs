using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// A captured array's <c>Contains</c> (<see cref="Enumerable.Contains{TSource}(IEnumerable{TSource}, TSource)"/>,
/// or <see cref="MemoryExtensions"/>' over the array as a span) becomes comparisons with the array's
/// values, fixed at compile time by the captured-value snapshot like any captured value: up to
/// <see cref="MaxChain"/> distinct values a chain of <c>==</c>, more a balanced binary search over the
/// sorted constants (about log2(n) compares, then a short chain). The value is evaluated once, before
/// the comparisons (an invocation, which <see cref="InlineInvocations"/> inlines), even for an empty array.
/// Integer and enum elements compare as C# compares them (promoted to int below 32 bits, unsigned as unsigned).
/// <code>
/// before: skb =&gt; s_ports.Contains(p)           (s_ports: 443, 22, 80, 22)
/// after:  skb =&gt; ((int v) =&gt; v == 22 || v == 80 || v == 443)((int)p)
/// before: the same with twenty ports
/// after:  skb =&gt; ((int v) =&gt; v &lt; 3306 ? (v &lt; 143 ? ... : ...) : (...))((int)p)
/// </code>
/// </summary>
internal sealed class DesugarContains : ProvenanceVisitor
{
    /// <summary>The most distinct values compared one after another; more are searched.</summary>
    public const int MaxChain = 8;

    // The values a search compares in a chain once it has narrowed the range down to them.
    private const int LeafSize = 3;

    private DesugarContains(DiagnosticContext context)
        : base(context)
    {
    }

    /// <summary>The lambda with captured arrays' Contains calls expanded.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        (LambdaExpression)new DesugarContains(context).Visit(lambda)!;

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        if (!IsContains(visited) || ArrayOf(visited.Arguments[0]) is not { } array || ComparedAs(array.GetType().GetElementType()!) is not { } type)
        {
            return visited;
        }
        var values = array.Cast<object>().Select(e => System.Convert.ChangeType(e, type, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
        var value = Expression.Parameter(type, "value");
        var body = Search(value, values, 0, values.Length, values.Length <= MaxChain ? MaxChain : LeafSize);
        var argument = visited.Arguments[1].Type == type ? visited.Arguments[1] : Expression.Convert(visited.Arguments[1], type);
        return Expression.Block(body.Type, [value], Expression.Assign(value, argument), body);
    }

    // Contains(source, value), or with a null comparer: C# binds an enum array's Contains to the
    // span overload whose comparer defaults to null (enums are not IEquatable).
    private static bool IsContains(MethodCallExpression node) =>
        node.Method.Name == nameof(Enumerable.Contains)
        && (node.Method.DeclaringType == typeof(Enumerable) || node.Method.DeclaringType == typeof(MemoryExtensions))
        && node.Arguments is [_, _] or [_, _, ConstantExpression { Value: null }];

    // The array under a span conversion (MemoryExtensions), once folded to a constant.
    private static Array? ArrayOf(Expression source) => source switch
    {
        ConstantExpression { Value: Array array } when array.Rank == 1 => array,
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } => ArrayOf(operand),
        MethodCallExpression { Method.Name: "op_Implicit", Object: null, Arguments: [var operand] } => ArrayOf(operand),
        _ => null,
    };

    // The type C# compares an element in: int below 32 bits, the underlying type of an enum; null for non-integers.
    private static Type? ComparedAs(Type element)
    {
        var type = element.IsEnum ? Enum.GetUnderlyingType(element) : element;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Char or TypeCode.Int32 => typeof(int),
            TypeCode.UInt32 => typeof(uint),
            TypeCode.Int64 => typeof(long),
            TypeCode.UInt64 => typeof(ulong),
            _ => null,
        };
    }

    // Whether value is one of sorted[from..to): a chain when few are left, else split at the middle.
    private static Expression Search(ParameterExpression value, object[] sorted, int from, int to, int chain)
    {
        if (to - from <= chain)
        {
            Expression result = Expression.Constant(false);
            for (var k = to - 1; k >= from; k--)
            {
                var test = Expression.Equal(value, Expression.Constant(sorted[k], value.Type));
                result = k == to - 1 ? test : Expression.OrElse(test, result);
            }
            return result;
        }
        var middle = from + ((to - from) / 2);
        return Expression.Condition(
            Expression.LessThan(value, Expression.Constant(sorted[middle], value.Type)),
            Search(value, sorted, from, middle, chain),
            Search(value, sorted, middle, to, chain));
    }
}
