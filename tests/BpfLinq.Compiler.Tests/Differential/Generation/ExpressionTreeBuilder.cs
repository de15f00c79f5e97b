using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Tests.Differential.Model;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Builds random, well-typed expression trees over a program context, shaped as the C# compiler
/// shapes them (<see cref="CSharpOperators"/>), from a seeded <see cref="Random"/> so a seed names a
/// tree. <see cref="Build"/> makes a tree of an exact type with at most <c>depth</c> levels of
/// operators: leaves are constants (edge-biased), captured variables (real closures), context fields
/// the kind may read, and variables in scope; inner nodes are every operator on every scalar type,
/// conversions, <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, guarded division, and the nodes of
/// hand-built trees (Block, Assign, compound assignment, bounded Loop and Goto loops, Switch,
/// Invoke of nested lambdas). A builder allowed to may also place one unsupported node.
///
/// The generation is written imperatively over <see cref="Random"/> rather than as FsCheck
/// combinators: a tree has dozens of alternatives per level, and combinators would build every
/// alternative's generator eagerly. FsCheck drives it through the seed (<see cref="ProgramGenerator"/>).
/// </summary>
internal sealed partial class ExpressionTreeBuilder
{
    private readonly Random _random;
    private readonly ProgramKind _kind;
    private readonly GenerationSettings _settings;
    private int _unsupportedBudget;
    private int _names;
    private int _nodes;

    /// <summary>A builder for programs of <paramref name="kind"/>; <paramref name="unsupported"/> allows one unsupported node.</summary>
    public ExpressionTreeBuilder(Random random, ProgramKind kind, GenerationSettings settings, bool unsupported)
    {
        _random = random;
        _kind = kind;
        _settings = settings;
        _unsupportedBudget = unsupported ? 1 : 0;
    }

    /// <summary>True once the builder has placed its unsupported node.</summary>
    public bool PlacedUnsupported { get; private set; }

    /// <summary>A tree of exactly <paramref name="type"/> with at most <paramref name="depth"/> operator levels.</summary>
    public Expression Build(Type type, int depth, TreeScope scope)
    {
        // The node budget keeps wide nodes (blocks, switches, invocations) from multiplying at every level.
        if (depth <= 1 || ++_nodes > _settings.MaxNodes)
        {
            return Leaf(type, scope);
        }
        // Unsupported nodes need three levels (the bool ones compare an unsupported integer).
        if (_unsupportedBudget > 0 && depth >= 3 && _random.Next(10) == 0)
        {
            _unsupportedBudget--;
            PlacedUnsupported = true;
            return Unsupported(type, depth, scope);
        }
        if (type == typeof(bool))
        {
            return Boolean(depth, scope);
        }
        if (type.IsEnum)
        {
            return EnumValue(type, depth, scope);
        }
        if (type == typeof(Verdict))
        {
            return VerdictValue(depth, scope);
        }
        return CSharpOperators.Promote(type) == type ? Integer(type, depth, scope) : Small(type, depth, scope);
    }

    /// <summary>A leaf of <paramref name="type"/>: a constant, a captured variable, a context field or a variable in scope.</summary>
    public Expression Leaf(Type type, TreeScope scope)
    {
        if (type == typeof(Verdict))
        {
            return VerdictLeaf(scope);
        }
        var scalar = ScalarType.Of(type);
        var fields = ReadableFields(type, scope).ToList();
        var variables = scope.VariablesOf(type).ToList();
        return Choose(
            (30, () => Expression.Constant(scalar.NextValue(_random), type)),
            (15, () => Closures.Local(type, scalar.NextValue(_random))),
            (4, () => Closures.Member(type, scalar.NextValue(_random))),
            (3, () => CapturedElement(scalar)),
            (fields.Count > 0 ? 25 : 0, () => Pick(fields)()),
            (variables.Count > 0 ? 25 : 0, () => Pick(variables)));
    }

    /// <summary>A constant of <paramref name="type"/> from the edge-biased values.</summary>
    public Expression Constant(Type type) => Expression.Constant(ScalarType.Of(type).NextValue(_random), type);

    /// <summary>Reads of the context fields of <paramref name="type"/> this kind may read, from any context in scope.</summary>
    private IEnumerable<Func<Expression>> ReadableFields(Type type, TreeScope scope) =>
        from context in scope.Contexts
        from field in FieldsOf(context.Type)
        where ContextReadability.CanRead(_kind, field.Property.Name)
        where field.IsArray ? field.Property.PropertyType.GetElementType() == type : field.Property.PropertyType == type
        from index in Enumerable.Range(0, field.Count)
        select (Func<Expression>)(() => FieldRead(context, field, index));

    /// <summary><c>ctx.Field</c>, or <c>ctx.Field[index]</c> for the array fields.</summary>
    public static Expression FieldRead(ParameterExpression context, ContextField field, int index)
    {
        var member = Expression.Property(context, field.Property);
        return field.IsArray ? Expression.ArrayIndex(member, Expression.Constant(index)) : member;
    }

    /// <summary>The fields of a context type.</summary>
    public static IReadOnlyList<ContextField> FieldsOf(Type contextType) =>
        contextType == typeof(XdpMd) ? ContextFieldTable.XdpMd : ContextFieldTable.SkBuff;

    private Expression CapturedElement(ScalarType scalar)
    {
        var table = Array.CreateInstance(scalar.Clr, 4);
        for (var i = 0; i < table.Length; i++)
        {
            table.SetValue(scalar.NextValue(_random), i);
        }
        return Closures.Element(scalar.Clr, table, _random.Next(table.Length));
    }

    private ParameterExpression Variable(Type type, string stem) => Expression.Variable(type, $"{stem}{_names++}");

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private Expression Choose(params (int Weight, Func<Expression> Make)[] options)
    {
        var total = options.Sum(o => o.Weight);
        var roll = _random.Next(total);
        foreach (var (weight, make) in options)
        {
            if (roll < weight)
            {
                return make();
            }
            roll -= weight;
        }
        throw new InvalidOperationException("no option has a weight");
    }
}
