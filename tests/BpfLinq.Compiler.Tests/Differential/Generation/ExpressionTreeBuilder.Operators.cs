using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

// Operators on each kind of scalar type: int, uint, long, ulong (what C# arithmetic produces), the
// small types (reached through conversions), the enum, and bool.
internal sealed partial class ExpressionTreeBuilder
{
    private static readonly ExpressionType[] s_arithmetic =
        [ExpressionType.Add, ExpressionType.Subtract, ExpressionType.Multiply, ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr];

    private static readonly ExpressionType[] s_comparisons =
    [
        ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual,
        ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual,
    ];

    private static readonly Type[] s_shiftCounts = [typeof(int), typeof(int), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(char)];

    // Every ordered pair of non-enum integer types, grouped by the type C# computes them in (pairs
    // C# rejects, ulong with a signed type, are absent).
    private static readonly Dictionary<Type, (Type Left, Type Right)[]> s_pairsByCommonType =
        (from left in ScalarType.Integers.Where(s => !s.IsEnum)
         from right in ScalarType.Integers.Where(s => !s.IsEnum)
         let common = CSharpOperators.Common(left.Clr, right.Clr)
         where common is not null
         group (left.Clr, right.Clr) by common).ToDictionary(g => g.Key, g => g.ToArray());

    private Expression Integer(Type type, int depth, TreeScope scope) => Choose(
        (10, () => Leaf(type, scope)),
        (25, () => Arithmetic(type, depth, scope)),
        (8, () => Shift(type, depth, scope)),
        (8, () => Division(type, depth, scope)),
        (6, () => Unary(type, depth, scope)),
        (10, () => ConversionTo(type, depth, scope)),
        (8, () => Conditional(type, depth, scope)),
        (_settings.HandBuilt ? 10 : 0, () => HandBuilt(type, depth, scope)));

    // byte, sbyte, short, ushort, char: C# arithmetic never yields them, casts do.
    private Expression Small(Type type, int depth, TreeScope scope) => Choose(
        (25, () => Leaf(type, scope)),
        (45, () => ConversionTo(type, depth, scope)),
        (12, () => Conditional(type, depth, scope)),
        (_settings.HandBuilt ? 8 : 0, () => HandBuilt(type, depth, scope)));

    private Expression EnumValue(Type type, int depth, TreeScope scope) => Choose(
        (25, () => Leaf(type, scope)),
        (15, () => CSharpOperators.EnumBitwise(
            Pick([ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr]),
            Build(type, depth - 1, scope),
            _random.Next(2) == 0 ? Constant(type) : Build(type, depth - 1, scope))),
        (8, () => CSharpOperators.EnumOffset(Pick([ExpressionType.Add, ExpressionType.Subtract]), Build(type, depth - 1, scope), _random.Next(-3, 300))),
        (5, () => CSharpOperators.EnumComplement(Build(type, depth - 1, scope))),
        (20, () => ConversionTo(type, depth, scope)),
        (10, () => Conditional(type, depth, scope)),
        (_settings.HandBuilt ? 5 : 0, () => HandBuilt(type, depth, scope)));

    private Expression Boolean(int depth, TreeScope scope) => Choose(
        (8, () => Leaf(typeof(bool), scope)),
        (35, () => Comparison(depth, scope)),
        (15, () => Pick([ExpressionType.AndAlso, ExpressionType.OrElse]) == ExpressionType.AndAlso
            ? Expression.AndAlso(Build(typeof(bool), depth - 1, scope), Build(typeof(bool), depth - 1, scope))
            : Expression.OrElse(Build(typeof(bool), depth - 1, scope), Build(typeof(bool), depth - 1, scope))),
        (8, () => Expression.Not(Build(typeof(bool), depth - 1, scope))),
        (8, () => Expression.MakeBinary(
            Pick([ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr]),
            Build(typeof(bool), depth - 1, scope),
            Build(typeof(bool), depth - 1, scope))),
        (6, () => CSharpOperators.Compare(
            Pick([ExpressionType.Equal, ExpressionType.NotEqual]),
            Build(typeof(bool), depth - 1, scope),
            Build(typeof(bool), depth - 1, scope))),
        (5, () => Conditional(typeof(bool), depth, scope)),
        (_settings.HandBuilt ? 5 : 0, () => HandBuilt(typeof(bool), depth, scope)));

    private Expression Arithmetic(Type type, int depth, TreeScope scope)
    {
        var (left, right) = Pick(s_pairsByCommonType[type]);
        return CSharpOperators.Binary(Pick(s_arithmetic), Build(left, depth - 1, scope), Build(right, depth - 1, scope));
    }

    private Expression Shift(Type type, int depth, TreeScope scope)
    {
        var valueTypes = ScalarType.Integers.Where(s => !s.IsEnum && CSharpOperators.Promote(s.Clr) == type).ToList();
        var value = Build(Pick(valueTypes).Clr, depth - 1, scope);
        var count = _random.Next(2) == 0
            ? Expression.Constant(Pick([0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, -1, _random.Next(-100, 100)]))
            : Build(Pick(s_shiftCounts), depth - 1, scope);
        return CSharpOperators.Shift(Pick([ExpressionType.LeftShift, ExpressionType.RightShift]), value, count);
    }

    private Expression Unary(Type type, int depth, TreeScope scope)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            // -x for x promoted to int; -uint is long in C#.
            var negatable = ScalarType.Integers
                .Where(s => !s.IsEnum && (CSharpOperators.Promote(s.Clr) == type || (type == typeof(long) && s.Clr == typeof(uint))))
                .ToList();
            if (_random.Next(2) == 0)
            {
                return CSharpOperators.Negate(Build(Pick(negatable).Clr, depth - 1, scope));
            }
        }
        var complementable = ScalarType.Integers.Where(s => !s.IsEnum && CSharpOperators.Promote(s.Clr) == type).ToList();
        return CSharpOperators.Complement(Build(Pick(complementable).Clr, depth - 1, scope));
    }

    private Expression ConversionTo(Type type, int depth, TreeScope scope)
    {
        var source = Pick(ScalarType.Integers.Where(s => s.Clr != type).ToList()).Clr;
        // The source is often arithmetic, as in (byte)(a + b).
        if (_random.Next(3) == 0 && !source.IsEnum)
        {
            source = CSharpOperators.Promote(source);
        }
        return CSharpOperators.To(Build(source, depth - 1, scope), type);
    }

    private Expression Conditional(Type type, int depth, TreeScope scope) =>
        Expression.Condition(Build(typeof(bool), depth - 1, scope), Build(type, depth - 1, scope), Build(type, depth - 1, scope));

    private Expression Comparison(int depth, TreeScope scope)
    {
        var op = Pick(s_comparisons);
        if (_random.Next(8) == 0)
        {
            var enumType = ScalarType.Enum16.Clr;
            return CSharpOperators.Compare(op, Build(enumType, depth - 1, scope), _random.Next(2) == 0 ? Constant(enumType) : Build(enumType, depth - 1, scope));
        }
        var (left, right) = Pick(Pick(s_pairsByCommonType.Values.ToList()));
        return CSharpOperators.Compare(op, Build(left, depth - 1, scope), Build(right, depth - 1, scope));
    }

    // x / y and x % y, in forms that never throw: a constant divisor other than 0 (and -1 when
    // signed), or a divisor guarded by the condition that selects the division.
    private Expression Division(Type type, int depth, TreeScope scope)
    {
        // Depths: the guard's ?: and the division each take a level, the guard's && and != two more,
        // so guarded forms need a depth of 4.
        var op = Pick([ExpressionType.Divide, ExpressionType.Modulo]);
        var signed = ScalarType.Of(type).Signed;
        var guarded = depth >= 4;
        return Choose(
            (3, () => Expression.MakeBinary(op, Build(type, depth - 1, scope), SafeDivisorConstant(type, signed))),
            (guarded ? 5 : 0, () =>
            {
                var divisor = _random.Next(5) < 3 ? Leaf(type, scope) : Build(type, depth - 3, scope);
                return Expression.Condition(Guard(divisor, signed), Expression.MakeBinary(op, Build(type, depth - 2, scope), divisor), Zero(type));
            }),
            (guarded ? 2 : 0, () =>
            {
                var divisor = Variable(type, "d");
                return Expression.Block(
                    type,
                    [divisor],
                    Expression.Assign(divisor, Build(type, depth - 1, scope)),
                    Expression.Condition(Guard(divisor, signed), Expression.MakeBinary(op, Build(type, depth - 2, scope), divisor), Zero(type)));
            }));
    }

    private Expression SafeDivisorConstant(Type type, bool signed)
    {
        while (true)
        {
            var constant = (ConstantExpression)Constant(type);
            var bits = CSharpOperators.Bits(constant.Value!);
            if (bits != 0 && !(signed && bits == ulong.MaxValue))
            {
                return constant;
            }
        }
    }

    // d != 0 (unsigned), or d != 0 && d != -1 (signed), or d > 0.
    private Expression Guard(Expression divisor, bool signed) => _random.Next(4) == 0
        ? CSharpOperators.Compare(ExpressionType.GreaterThan, divisor, Zero(divisor.Type))
        : signed
            ? Expression.AndAlso(
                CSharpOperators.Compare(ExpressionType.NotEqual, divisor, Zero(divisor.Type)),
                CSharpOperators.Compare(ExpressionType.NotEqual, divisor, Expression.Constant(ScalarType.Of(divisor.Type).Value(ulong.MaxValue), divisor.Type)))
            : CSharpOperators.Compare(ExpressionType.NotEqual, divisor, Zero(divisor.Type));

    private static ConstantExpression Zero(Type type) => Expression.Constant(ScalarType.Of(type).Value(0), type);
}
