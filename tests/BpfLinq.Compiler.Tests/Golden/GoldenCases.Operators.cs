using System.Linq.Expressions;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Golden;

// Every operator at each representative type (int, uint, long, ulong), built as the expression
// trees C# makes of `(T)skb.Mark op (T)skb.Priority`, so the table stays one loop.
internal static partial class GoldenCases
{
    private static readonly Type[] s_operatorTypes = [typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    private static IEnumerable<GoldenCase> Operators()
    {
        foreach (var type in s_operatorTypes)
        {
            var t = TypeName(type);
            foreach (var op in new[] { ExpressionType.Add, ExpressionType.Subtract, ExpressionType.Multiply, ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr })
            {
                yield return Raw($"Operators/{op}.{t}", skb => Expression.MakeBinary(op, Mark(skb, type), Priority(skb, type)));
            }
            yield return Raw($"Operators/DivideByConstant.{t}", skb => Expression.Divide(Mark(skb, type), Constant(7, type)));
            yield return Raw($"Operators/ModuloByConstant.{t}", skb => Expression.Modulo(Mark(skb, type), Constant(7, type)));
            yield return Raw($"Operators/DivideGuarded.{t}", skb => Guarded(ExpressionType.Divide, skb, type));
            yield return Raw($"Operators/ModuloGuarded.{t}", skb => Guarded(ExpressionType.Modulo, skb, type));
            yield return Raw($"Operators/LeftShift.{t}", skb => Expression.LeftShift(Mark(skb, type), Priority(skb, typeof(int))));
            yield return Raw($"Operators/RightShift.{t}", skb => Expression.RightShift(Mark(skb, type), Priority(skb, typeof(int))));
            yield return Raw($"Operators/ShiftByConstant.{t}", skb => Expression.RightShift(Mark(skb, type), Expression.Constant(37)));
            yield return Raw($"Operators/Not.{t}", skb => Expression.Not(Mark(skb, type)));
            if (type == typeof(int) || type == typeof(long))
            {
                yield return Raw($"Operators/Negate.{t}", skb => Expression.Negate(Mark(skb, type)));
            }
            foreach (var op in new[] { ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual })
            {
                yield return Verdict($"Operators/{op}.{t}", skb => Expression.MakeBinary(op, Mark(skb, type), Priority(skb, type)));
                yield return Verdict($"Operators/{op}Constant.{t}", skb => Expression.MakeBinary(op, Mark(skb, type), Constant(1500, type)));
            }
        }
    }

    private static string TypeName(Type type) => type == typeof(int) ? "int" : type == typeof(uint) ? "uint" : type == typeof(long) ? "long" : "ulong";

    private static Expression Mark(ParameterExpression skb, Type type) => As(Expression.Property(skb, nameof(SkBuff.Mark)), type);

    private static Expression Priority(ParameterExpression skb, Type type) => As(Expression.Property(skb, nameof(SkBuff.Priority)), type);

    private static Expression Constant(long value, Type type) => Expression.Constant(Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture), type);

    private static Expression As(Expression e, Type type) => e.Type == type ? e : Expression.Convert(e, type);

    // y != 0 (and, signed, y != -1) ? x op y : 0 — the guard the front end needs to prove the division total.
    private static Expression Guarded(ExpressionType op, ParameterExpression skb, Type type)
    {
        var y = Priority(skb, type);
        Expression guard = Expression.NotEqual(y, Constant(0, type));
        if (type == typeof(int) || type == typeof(long))
        {
            guard = Expression.AndAlso(guard, Expression.NotEqual(Priority(skb, type), Constant(-1, type)));
        }
        return Expression.Condition(guard, Expression.MakeBinary(op, Mark(skb, type), Priority(skb, type)), Constant(0, type));
    }

    private static GoldenCase Raw(string name, Func<ParameterExpression, Expression> body)
    {
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        return GoldenCase.SkbTree(name, ProgramKind.SocketFilter, Expression.Lambda<Func<SkBuff, long>>(As(body(skb), typeof(long)), skb));
    }

    private static GoldenCase Verdict(string name, Func<ParameterExpression, Expression> test)
    {
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var lambda = Expression.Lambda<Func<SkBuff, Verdict>>(
            Expression.Condition(test(skb), Expression.Property(null, typeof(Verdict), nameof(Pass)), Expression.Property(null, typeof(Verdict), nameof(Drop))), skb);
        return new GoldenCase(name, ProgramKind.SocketFilter, new BpfFilter<SkBuff>(lambda, null, null, 0));
    }
}
