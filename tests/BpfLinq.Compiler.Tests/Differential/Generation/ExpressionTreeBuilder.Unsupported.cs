using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using BpfLinq.Compiler.Tests.Differential.Model;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

// Nodes BpfLinq does not promise to compile: checked arithmetic and conversions, division and
// remainder by a divisor nothing guards, calls of arbitrary methods, object creation, array indexes
// that are not constants, array lengths, type tests, coalescing, captured delegates, static members,
// context fields the kind may not read and verdicts the kind does not have. Each must end as a
// documented compile error naming its path or as a program the verifier accepts (and that agrees
// with the CLR).
internal sealed partial class ExpressionTreeBuilder
{
    private static readonly MethodInfo s_maxInt = typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!;
    private static readonly MethodInfo s_absInt = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(int)])!;
    private static readonly MethodInfo s_minUInt = typeof(Math).GetMethod(nameof(Math.Min), [typeof(uint), typeof(uint)])!;
    private static readonly MethodInfo s_maxLong = typeof(Math).GetMethod(nameof(Math.Max), [typeof(long), typeof(long)])!;
    private static readonly MethodInfo s_minULong = typeof(Math).GetMethod(nameof(Math.Min), [typeof(ulong), typeof(ulong)])!;
    private static readonly MethodInfo s_popCount = typeof(BitOperations).GetMethod(nameof(BitOperations.PopCount), [typeof(uint)])!;
    private static readonly MethodInfo s_scramble = typeof(UnsupportedMethods).GetMethod(nameof(UnsupportedMethods.Scramble))!;
    private static readonly MethodInfo s_hashCode = typeof(object).GetMethod(nameof(GetHashCode))!;
    private static readonly MethodInfo s_intHashCode = typeof(int).GetMethod(nameof(GetHashCode), Type.EmptyTypes)!;
    private static readonly MethodInfo s_intEquals = typeof(int).GetMethod(nameof(int.Equals), [typeof(int)])!;
    private static readonly PropertyInfo s_processorCount = typeof(Environment).GetProperty(nameof(Environment.ProcessorCount))!;

    /// <summary>One unsupported node of <paramref name="type"/> (through a conversion when the node has another type).</summary>
    public Expression Unsupported(Type type, int depth, TreeScope scope)
    {
        if (type == typeof(Verdict))
        {
            return ForeignVerdict() ?? VerdictLeaf(scope);
        }
        if (type == typeof(bool))
        {
            return Choose(
                (3, () => Expression.TypeIs(Expression.Convert(Build(typeof(int), depth - 1, scope), typeof(object)), typeof(int))),
                (3, () => Expression.Call(Build(typeof(int), depth - 1, scope), s_intEquals, Build(typeof(int), depth - 1, scope))),
                (2, () => CSharpOperators.Compare(ExpressionType.Equal, UnsupportedInteger(typeof(int), depth - 1, scope), Constant(typeof(int)))));
        }
        var promoted = CSharpOperators.Promote(type);
        var node = UnsupportedInteger(promoted, depth, scope);
        return node.Type == type ? node : Expression.Convert(node, type);
    }

    private Expression UnsupportedInteger(Type type, int depth, TreeScope scope)
    {
        var context = Pick(scope.Contexts);
        var forbidden = ForbiddenField(context);
        var skb = context.Type == typeof(SkBuff);
        var signed = type == typeof(int) || type == typeof(long);
        return Choose(
            (4, () => Expression.MakeBinary(
                Pick([ExpressionType.AddChecked, ExpressionType.SubtractChecked, ExpressionType.MultiplyChecked]),
                Build(type, depth - 1, scope),
                Build(type, depth - 1, scope))),
            (signed ? 2 : 0, () => Expression.NegateChecked(Build(type, depth - 1, scope))),
            (3, () => Expression.ConvertChecked(Build(Pick(ScalarType.Integers).Clr, depth - 1, scope), type)),
            // Nothing proves these divisors non-zero (or, signed, other than -1 when the dividend is MinValue).
            (4, () => Expression.MakeBinary(Pick([ExpressionType.Divide, ExpressionType.Modulo]), Build(type, depth - 1, scope), Build(type, depth - 1, scope))),
            (signed && depth >= 3 ? 2 : 0, () =>
            {
                var divisor = Leaf(type, scope);
                return Expression.Condition(
                    CSharpOperators.Compare(ExpressionType.NotEqual, divisor, Zero(type)),
                    Expression.Divide(Build(type, depth - 2, scope), divisor),
                    Zero(type));
            }),
            (4, () => Call(type, depth, scope)),
            (1, () => Expression.Convert(Expression.Call(Expression.New(typeof(object)), s_hashCode), type)),
            (depth >= 3 ? 1 : 0, () => Expression.Convert(Expression.ArrayLength(Expression.NewArrayBounds(typeof(int), Expression.Constant(3))), type)),
            (skb && depth >= 3 ? 2 : 0, () => CSharpOperators.To(VariableIndex(context, depth, scope), type)),
            (skb ? 1 : 0, () => CSharpOperators.To(Expression.ArrayLength(Expression.Property(context, nameof(SkBuff.Cb))), type)),
            (1, () => Expression.Coalesce(Expression.Convert(Build(type, depth - 1, scope), typeof(Nullable<>).MakeGenericType(type)), Zero(type))),
            (1, () => CSharpOperators.To(Closures.InvokeDelegate(Build(typeof(int), depth - 1, scope)), type)),
            (1, () => CSharpOperators.To(Expression.Property(null, s_processorCount), type)),
            (forbidden is null ? 0 : 3, () => CSharpOperators.To(forbidden!, type)));
    }

    private Expression Call(Type type, int depth, TreeScope scope)
    {
        Expression Arg(Type t) => Build(t, depth - 1, scope);
        Expression call = type == typeof(uint) ? Choose(
                (1, () => Expression.Call(s_minUInt, Arg(typeof(uint)), Arg(typeof(uint)))),
                (1, () => Expression.Convert(Expression.Call(s_popCount, Arg(typeof(uint))), typeof(uint))))
            : type == typeof(long) ? Expression.Call(s_maxLong, Arg(typeof(long)), Arg(typeof(long)))
            : type == typeof(ulong) ? Expression.Call(s_minULong, Arg(typeof(ulong)), Arg(typeof(ulong)))
            : Choose(
                (1, () => Expression.Call(s_maxInt, Arg(typeof(int)), Arg(typeof(int)))),
                (1, () => Expression.Call(s_absInt, Arg(typeof(int)))),
                (1, () => Expression.Call(s_scramble, Arg(typeof(int)))),
                (1, () => Expression.Call(Arg(typeof(int)), s_intHashCode)));
        return CSharpOperators.To(call, type);
    }

    // skb.Cb[(int)(e & 3)]: an index that is not a constant (always in range, so the CLR never throws).
    private Expression VariableIndex(ParameterExpression context, int depth, TreeScope scope) =>
        Expression.ArrayIndex(
            Expression.Property(context, nameof(SkBuff.Cb)),
            Expression.Convert(Expression.And(Build(typeof(uint), depth - 2, scope), Expression.Constant(3u)), typeof(int)));

    // A uint field of the context that this kind may not read (XDP's egress_ifindex, a socket filter's wire_len, ...).
    private Expression? ForbiddenField(ParameterExpression context)
    {
        var fields = FieldsOf(context.Type)
            .Where(f => !ContextReadability.CanRead(_kind, f.Property.Name) && (f.IsArray ? f.Property.PropertyType.GetElementType() : f.Property.PropertyType) == typeof(uint))
            .ToList();
        return fields.Count == 0 ? null : FieldRead(context, Pick(fields), 0);
    }
}
