using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Model;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Programs that hold more values at once than eBPF has registers (r0–r9, of which r1–r5 die at calls
/// and r10 is the frame): <c>k</c> distinct values, each a context field the kind may read combined with
/// its own constant (so no two are equal and none is a bare reload), all alive until a final
/// combination that uses every one of them twice, in two different pairings. Two shapes:
/// <list type="bullet">
/// <item>a block: <c>{ var x1 = v1; ...; var xk = vk; (x1*x2 + x3*x4 + ...) ^ (xk - x1 + ...) }</c>;</item>
/// <item>one expression: <c>v1 - (v2 ^ (v3 * (... (vk | combine(v1..vk)))))</c>, which a left-to-right
/// evaluation can only finish holding v1..vk.</item>
/// </list>
/// </summary>
internal static class RegisterPressure
{
    private static readonly ExpressionType[] s_spine = [ExpressionType.Subtract, ExpressionType.ExclusiveOr, ExpressionType.Multiply, ExpressionType.Or, ExpressionType.Add];

    /// <summary>A program of <paramref name="kind"/> with <paramref name="liveValues"/> values alive at once.</summary>
    public static GeneratedProgram Generate(Random random, ProgramKind kind, int liveValues, bool asBlock)
    {
        var context = ProgramGenerator.Context(kind);
        var values = Enumerable.Range(0, liveValues).Select(i => Value(random, kind, context, i)).ToList();
        Expression body;
        if (asBlock)
        {
            var variables = values.Select((v, i) => Expression.Variable(v.Type, $"x{i}")).ToList();
            var statements = variables.Zip(values, (x, v) => (Expression)Expression.Assign(x, v)).ToList();
            statements.Add(Combine(variables));
            body = Expression.Block(typeof(ulong), variables, statements);
        }
        else
        {
            body = Combine(values);
            for (var i = values.Count - 1; i >= 0; i--)
            {
                body = CSharpOperators.Binary(s_spine[i % s_spine.Length], values[i], body);
            }
        }
        var result = kind == ProgramKind.CgroupSkb
            ? Expression.Condition(CSharpOperators.Compare(ExpressionType.GreaterThan, body, Expression.Constant(ulong.MaxValue / 2)), ExpressionTreeBuilder.VerdictNamed(nameof(Verdict.Pass)), ExpressionTreeBuilder.VerdictNamed(nameof(Verdict.Drop)))
            : CSharpOperators.To(body, typeof(long));
        var lambdaType = typeof(Func<,>).MakeGenericType(context.Type, result.Type);
        return new GeneratedProgram(kind, Expression.Lambda(lambdaType, result, context));
    }

    // Field i (cycling through what the kind may read) times an odd constant plus a constant, as ulong.
    private static Expression Value(Random random, ProgramKind kind, ParameterExpression context, int i)
    {
        var reads = (from field in ExpressionTreeBuilder.FieldsOf(context.Type)
                     where ContextReadability.CanRead(kind, field.Property.Name)
                     from index in Enumerable.Range(0, field.Count)
                     select ExpressionTreeBuilder.FieldRead(context, field, index)).ToList();
        var read = CSharpOperators.To(reads[i % reads.Count], typeof(ulong));
        var scaled = CSharpOperators.Binary(ExpressionType.Multiply, read, Expression.Constant((ulong)(2 * random.Next(1, 1 << 20) + 1)));
        return CSharpOperators.Binary(ExpressionType.Add, scaled, Expression.Constant((ulong)i * 0x9E3779B97F4A7C15UL));
    }

    // (x0*x1 + x2*x3 + ...) ^ (x(k-1) - x0 + x(k-2) - x1 ...): every value twice, in different pairs.
    private static Expression Combine(IReadOnlyList<Expression> x)
    {
        Expression products = Expression.Constant(0UL);
        for (var i = 0; i + 1 < x.Count; i += 2)
        {
            products = CSharpOperators.Binary(ExpressionType.Add, products, CSharpOperators.Binary(ExpressionType.Multiply, x[i], x[i + 1]));
        }
        Expression differences = Expression.Constant(0UL);
        for (var i = 0; i < x.Count; i++)
        {
            differences = CSharpOperators.Binary(i % 2 == 0 ? ExpressionType.Add : ExpressionType.Subtract, differences, x[x.Count - 1 - i]);
        }
        return CSharpOperators.Binary(ExpressionType.ExclusiveOr, products, differences);
    }
}
