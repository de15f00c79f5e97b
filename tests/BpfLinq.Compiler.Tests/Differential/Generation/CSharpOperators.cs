using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Builds operator nodes exactly as the C# compiler lays them out in an expression lambda (checked
/// against real lambdas by CSharpShapeTests): operands of byte, sbyte, short, ushort, char and enums
/// are promoted to int, binary numeric promotion converts each operand straight to the common type
/// (<c>uint + int</c> is long, <c>ulong</c> with a signed type does not compile), shift counts are int,
/// <c>-uint</c> is long, enum operators work on the promoted underlying type and convert back, and
/// conversions of constants are folded into constants.
/// </summary>
internal static class CSharpOperators
{
    /// <summary>The type of an operand after unary numeric promotion.</summary>
    public static Type Promote(Type type)
    {
        var underlying = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        return Type.GetTypeCode(underlying) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Char => typeof(int),
            _ => underlying,
        };
    }

    /// <summary>The common type of binary numeric promotion, or null when C# rejects the pair (ulong with a signed type).</summary>
    public static Type? Common(Type left, Type right)
    {
        Type a = Promote(left), b = Promote(right);
        if (a == typeof(ulong) || b == typeof(ulong))
        {
            return IsSigned(a) || IsSigned(b) ? null : typeof(ulong);
        }
        if (a == typeof(long) || b == typeof(long))
        {
            return typeof(long);
        }
        if (a == typeof(uint) || b == typeof(uint))
        {
            return IsSigned(a) || IsSigned(b) ? typeof(long) : typeof(uint);
        }
        return typeof(int);
    }

    /// <summary><paramref name="e"/> converted to <paramref name="type"/> (a constant is folded, as C# folds constant expressions).</summary>
    public static Expression To(Expression e, Type type)
    {
        if (e.Type == type)
        {
            return e;
        }
        if (e is ConstantExpression { Value: { } value } && ScalarType.IsScalar(type) && type != typeof(bool))
        {
            var bits = Bits(value);
            return Expression.Constant(ScalarType.Of(type).Value(bits), type);
        }
        return Expression.Convert(e, type);
    }

    /// <summary>An arithmetic or bitwise operator (+ - * / % &amp; | ^) on integer operands.</summary>
    public static Expression Binary(ExpressionType op, Expression left, Expression right)
    {
        var common = Common(left.Type, right.Type)
            ?? throw new ArgumentException($"C# has no {op} for {left.Type.Name} and {right.Type.Name}");
        return Expression.MakeBinary(op, To(left, common), To(right, common));
    }

    /// <summary>A comparison: of integers after promotion, of bools (== and != only).</summary>
    public static Expression Compare(ExpressionType op, Expression left, Expression right)
    {
        if (left.Type == typeof(bool))
        {
            return Expression.MakeBinary(op, left, right);
        }
        var common = Common(left.Type, right.Type)
            ?? throw new ArgumentException($"C# has no {op} for {left.Type.Name} and {right.Type.Name}");
        return Expression.MakeBinary(op, To(left, common), To(right, common));
    }

    /// <summary>A shift: the value promoted, the count converted to int.</summary>
    public static Expression Shift(ExpressionType op, Expression value, Expression count) =>
        Expression.MakeBinary(op, To(value, Promote(value.Type)), To(count, typeof(int)));

    /// <summary>Unary minus (<c>-uint</c> is long in C#; <c>-ulong</c> does not compile).</summary>
    public static Expression Negate(Expression operand)
    {
        var type = Promote(operand.Type);
        if (type == typeof(ulong))
        {
            throw new ArgumentException("C# has no unary minus for ulong");
        }
        return Expression.Negate(To(operand, type == typeof(uint) ? typeof(long) : type));
    }

    /// <summary>Bitwise complement <c>~</c> of an integer.</summary>
    public static Expression Complement(Expression operand) => Expression.Not(To(operand, Promote(operand.Type)));

    /// <summary><c>a &amp; b</c>, <c>a | b</c>, <c>a ^ b</c> on two values of one enum type: computed on the promoted underlying type, converted back.</summary>
    public static Expression EnumBitwise(ExpressionType op, Expression left, Expression right)
    {
        var promoted = Promote(left.Type);
        return Expression.Convert(Expression.MakeBinary(op, To(left, promoted), To(right, promoted)), left.Type);
    }

    /// <summary><c>~e</c> on an enum.</summary>
    public static Expression EnumComplement(Expression operand) =>
        Expression.Convert(Expression.Not(To(operand, Promote(operand.Type))), operand.Type);

    /// <summary><c>e + k</c> or <c>e - k</c> for an enum and an int constant.</summary>
    public static Expression EnumOffset(ExpressionType op, Expression operand, int offset)
    {
        var promoted = Promote(operand.Type);
        return Expression.Convert(Expression.MakeBinary(op, To(operand, promoted), To(Expression.Constant(offset), promoted)), operand.Type);
    }

    /// <summary><c>a - b</c> for two values of one enum type: the underlying type.</summary>
    public static Expression EnumDifference(Expression left, Expression right)
    {
        var promoted = Promote(left.Type);
        return Expression.Convert(Expression.Subtract(To(left, promoted), To(right, promoted)), Enum.GetUnderlyingType(left.Type));
    }

    /// <summary>The bit pattern of a boxed integer, char, enum or bool, sign-extended for signed types.</summary>
    public static ulong Bits(object value) => value switch
    {
        bool b => b ? 1UL : 0,
        char c => c,
        Enum e => Bits(Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture)),
        sbyte or short or int or long => (ulong)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static bool IsSigned(Type t) => t == typeof(int) || t == typeof(long);
}
