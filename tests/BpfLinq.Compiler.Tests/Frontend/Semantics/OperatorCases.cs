using System.Linq.Expressions;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Frontend.Semantics;

/// <summary>Test enums over several underlying types.</summary>
internal enum Small : byte { A = 1, B = 200 }

internal enum Signed16 : short { Low = -5, High = 300 }

internal enum Wide : long { Big = 1L << 40, Neg = -3 }

/// <summary>
/// Every operator at every type it exists for in expression trees, built as trees (table-driven:
/// types × operators) over operands read from the context and converted to the type, so the
/// conversions are exercised too. Divisions are guarded as the compiler requires.
/// </summary>
internal static class OperatorCases
{
    private static readonly Type[] s_arithmeticTypes = [typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];
    private static readonly Type[] s_integerTypes = [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];
    private static readonly Type[] s_comparableTypes = [.. s_integerTypes, typeof(char)];
    private static readonly Type[] s_convertibleTypes = [typeof(bool), .. s_comparableTypes, typeof(Small), typeof(Signed16), typeof(Wide)];

    private static readonly ExpressionType[] s_arithmetic =
    [
        ExpressionType.Add, ExpressionType.Subtract, ExpressionType.Multiply,
    ];

    private static readonly ExpressionType[] s_bitwise = [ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr];

    private static readonly ExpressionType[] s_comparisons =
    [
        ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual,
    ];

    public static void AddTo(SemanticCaseList cases)
    {
        foreach (var t in s_arithmeticTypes)
        {
            foreach (var op in s_arithmetic)
            {
                cases.Tree($"{op}<{t.Name}>", skb => Widen(E.MakeBinary(op, Operand(skb, t, 0), Operand(skb, t, 1))));
            }
            cases.Tree($"Divide<{t.Name}>", skb => Widen(GuardedDivision(ExpressionType.Divide, Operand(skb, t, 0), Operand(skb, t, 1))));
            cases.Tree($"Modulo<{t.Name}>", skb => Widen(GuardedDivision(ExpressionType.Modulo, Operand(skb, t, 0), Operand(skb, t, 1))));
            cases.Tree($"LeftShift<{t.Name}>", skb => Widen(E.LeftShift(Operand(skb, t, 0), Operand(skb, typeof(int), 2))));
            cases.Tree($"RightShift<{t.Name}>", skb => Widen(E.RightShift(Operand(skb, t, 0), Operand(skb, typeof(int), 2))));
            cases.Tree($"Increment<{t.Name}>", skb => Widen(E.Increment(Operand(skb, t, 0))));
            cases.Tree($"Decrement<{t.Name}>", skb => Widen(E.Decrement(Operand(skb, t, 0))));
            if (t == typeof(int) || t == typeof(long))
            {
                cases.Tree($"Negate<{t.Name}>", skb => Widen(E.Negate(Operand(skb, t, 0))));
            }
        }
        foreach (var t in s_integerTypes)
        {
            foreach (var op in s_bitwise)
            {
                cases.Tree($"{op}<{t.Name}>", skb => Widen(E.MakeBinary(op, Operand(skb, t, 0), Operand(skb, t, 1))));
            }
            cases.Tree($"Not<{t.Name}>", skb => Widen(E.Not(Operand(skb, t, 0))));
            cases.Tree($"OnesComplement<{t.Name}>", skb => Widen(E.OnesComplement(Operand(skb, t, 0))));
        }
        foreach (var t in s_comparableTypes)
        {
            foreach (var op in s_comparisons)
            {
                cases.Tree($"{op}<{t.Name}>", skb => E.Condition(E.MakeBinary(op, Operand(skb, t, 0), Operand(skb, t, 1)), E.Constant(1L), E.Constant(2L)));
            }
        }
        foreach (var from in s_convertibleTypes)
        {
            foreach (var to in s_convertibleTypes.Where(t => t != typeof(bool)))
            {
                cases.Tree($"Convert<{from.Name},{to.Name}>", skb => Widen(E.Convert(Operand(skb, from, 0), to)));
            }
        }
        cases.Tree("Equal<Small>", skb => E.Condition(E.Equal(Operand(skb, typeof(Small), 0), Operand(skb, typeof(Small), 1)), E.Constant(1L), E.Constant(0L)));
        cases.Tree("Equal<bool>", skb => Widen(E.Equal(Operand(skb, typeof(bool), 0), Operand(skb, typeof(bool), 1))));
        cases.Tree("NotEqual<bool>", skb => Widen(E.NotEqual(Operand(skb, typeof(bool), 0), Operand(skb, typeof(bool), 1))));
        foreach (var op in s_bitwise)
        {
            cases.Tree($"{op}<Boolean>", skb => Widen(E.MakeBinary(op, Operand(skb, typeof(bool), 0), Operand(skb, typeof(bool), 1))));
            cases.Tree($"{op}<Boolean> in a condition", skb => E.Condition(
                E.MakeBinary(op, Operand(skb, typeof(bool), 0), Operand(skb, typeof(bool), 1)), E.Constant(7L), E.Constant(9L)));
        }
    }

    /// <summary>Context field <c>Cb[index]</c> (two of them for 64-bit types) converted to <paramref name="type"/>; bools test the field.</summary>
    public static Expression Operand(ParameterExpression skb, Type type, int index)
    {
        Expression Cb(int i) => E.ArrayIndex(E.Property(skb, nameof(SkBuff.Cb)), E.Constant(i));
        if (type == typeof(bool))
        {
            return E.GreaterThan(Cb(index), E.Constant(0x80000000u));
        }
        var underlying = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        if (underlying == typeof(long) || underlying == typeof(ulong))
        {
            var wide = E.Or(E.LeftShift(E.Convert(Cb(index), underlying), E.Constant(32)), E.Convert(Cb(index + 1), underlying));
            return type.IsEnum ? E.Convert(wide, type) : wide;
        }
        return E.Convert(Cb(index), type);
    }

    /// <summary>A value widened to long as C# does (bool as 0/1).</summary>
    public static Expression Widen(Expression value) => value.Type == typeof(long) ? value : E.Convert(value, typeof(long));

    // b != 0 (&& b != -1 for int and long) ? a op b : 0
    private static Expression GuardedDivision(ExpressionType op, Expression a, Expression b)
    {
        Expression guard = E.NotEqual(b, E.Constant(Convert.ChangeType(0, b.Type, System.Globalization.CultureInfo.InvariantCulture), b.Type));
        if (b.Type == typeof(int) || b.Type == typeof(long))
        {
            guard = E.AndAlso(guard, E.NotEqual(b, E.Constant(Convert.ChangeType(-1, b.Type, System.Globalization.CultureInfo.InvariantCulture), b.Type)));
        }
        return E.Condition(guard, E.MakeBinary(op, a, b), E.Default(a.Type));
    }
}
