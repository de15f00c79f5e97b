using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Generation;
using static System.Linq.Expressions.ExpressionType;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// <see cref="CSharpOperators"/> builds the same trees the C# compiler builds: each case is a real C#
/// lambda and the operator factory applied to that lambda's parameters; their shapes (node types,
/// result types, constants) must be identical.
/// </summary>
public sealed class CSharpShapeTests
{
    public static TheoryData<string, LambdaExpression, Func<IReadOnlyList<ParameterExpression>, Expression>> Cases => new()
    {
        { "byte + byte is int", L((byte a, byte b) => a + b), p => CSharpOperators.Binary(Add, p[0], p[1]) },
        { "uint + literal stays uint", L((uint a) => a + 1), p => CSharpOperators.Binary(Add, p[0], Expression.Constant(1u)) },
        { "uint + int is long", L((uint a, int b) => a + b), p => CSharpOperators.Binary(Add, p[0], p[1]) },
        { "uint + long is long", L((uint a, long b) => a + b), p => CSharpOperators.Binary(Add, p[0], p[1]) },
        { "uint * ulong is ulong", L((uint a, ulong b) => a * b), p => CSharpOperators.Binary(Multiply, p[0], p[1]) },
        { "short & ushort is int", L((short a, ushort b) => a & b), p => CSharpOperators.Binary(And, p[0], p[1]) },
        { "byte ^ char is int", L((byte a, char b) => a ^ b), p => CSharpOperators.Binary(ExclusiveOr, p[0], p[1]) },
        { "long % sbyte", L((long a, sbyte b) => a % b), p => CSharpOperators.Binary(Modulo, p[0], p[1]) },
        { "long == int", L((long a, int b) => a == b), p => CSharpOperators.Compare(Equal, p[0], p[1]) },
        { "sbyte < byte", L((sbyte a, byte b) => a < b), p => CSharpOperators.Compare(LessThan, p[0], p[1]) },
        { "ulong >= uint", L((ulong a, uint b) => a >= b), p => CSharpOperators.Compare(GreaterThanOrEqual, p[0], p[1]) },
        { "char == literal", L((char a) => a == 'x'), p => CSharpOperators.Compare(Equal, p[0], Expression.Constant('x')) },
        { "bool == bool", L((bool a, bool b) => a == b), p => CSharpOperators.Compare(Equal, p[0], p[1]) },
        { "uint << int", L((uint a, int n) => a << n), p => CSharpOperators.Shift(LeftShift, p[0], p[1]) },
        { "long >> short", L((long a, short n) => a >> n), p => CSharpOperators.Shift(RightShift, p[0], p[1]) },
        { "byte << literal", L((byte a) => a << 2), p => CSharpOperators.Shift(LeftShift, p[0], Expression.Constant(2)) },
        { "ulong >> char", L((ulong a, char n) => a >> n), p => CSharpOperators.Shift(RightShift, p[0], p[1]) },
        { "-uint is long", L((uint a) => -a), p => CSharpOperators.Negate(p[0]) },
        { "-byte is int", L((byte a) => -a), p => CSharpOperators.Negate(p[0]) },
        { "-long", L((long a) => -a), p => CSharpOperators.Negate(p[0]) },
        { "~byte is int", L((byte a) => ~a), p => CSharpOperators.Complement(p[0]) },
        { "~uint", L((uint a) => ~a), p => CSharpOperators.Complement(p[0]) },
        { "~ulong", L((ulong a) => ~a), p => CSharpOperators.Complement(p[0]) },
        { "enum & enum", L((PacketClass a, PacketClass b) => a & b), p => CSharpOperators.EnumBitwise(And, p[0], p[1]) },
        { "enum | member", L((PacketClass a) => a | PacketClass.High), p => CSharpOperators.EnumBitwise(Or, p[0], Expression.Constant(PacketClass.High)) },
        { "~enum", L((PacketClass a) => ~a), p => CSharpOperators.EnumComplement(p[0]) },
        { "enum + 3", L((PacketClass a) => a + 3), p => CSharpOperators.EnumOffset(Add, p[0], 3) },
        { "enum - 1", L((PacketClass a) => a - 1), p => CSharpOperators.EnumOffset(Subtract, p[0], 1) },
        { "enum - enum is short", L((PacketClass a, PacketClass b) => a - b), p => CSharpOperators.EnumDifference(p[0], p[1]) },
        { "enum < member", L((PacketClass a) => a < PacketClass.High), p => CSharpOperators.Compare(LessThan, p[0], Expression.Constant(PacketClass.High)) },
        { "enum == enum", L((PacketClass a, PacketClass b) => a == b), p => CSharpOperators.Compare(Equal, p[0], p[1]) },
        { "(byte)int", L((int a) => (byte)a), p => CSharpOperators.To(p[0], typeof(byte)) },
        { "(long)sbyte", L((sbyte a) => (long)a), p => CSharpOperators.To(p[0], typeof(long)) },
        { "(PacketClass)int", L((int a) => (PacketClass)a), p => CSharpOperators.To(p[0], typeof(PacketClass)) },
        { "(int)5L folds", L((int a) => a + (int)5L), p => CSharpOperators.Binary(Add, p[0], CSharpOperators.To(Expression.Constant(5L), typeof(int))) },
        { "(char)(c + 1)", L((char c) => (char)(c + 1)), p => CSharpOperators.To(CSharpOperators.Binary(Add, p[0], Expression.Constant(1)), typeof(char)) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operators_build_the_tree_CSharp_builds(string name, LambdaExpression csharp, Func<IReadOnlyList<ParameterExpression>, Expression> ours)
    {
        Shape(ours(csharp.Parameters)).ShouldBe(Shape(csharp.Body), name);
    }

    [Fact]
    public void Pairs_CSharp_rejects_are_rejected()
    {
        CSharpOperators.Common(typeof(ulong), typeof(int)).ShouldBeNull();
        CSharpOperators.Common(typeof(long), typeof(ulong)).ShouldBeNull();
        CSharpOperators.Common(typeof(sbyte), typeof(ulong)).ShouldBeNull();
        Should.Throw<ArgumentException>(() => CSharpOperators.Negate(Expression.Parameter(typeof(ulong))));
    }

    private static LambdaExpression L<T, TResult>(Expression<Func<T, TResult>> lambda) => lambda;

    private static LambdaExpression L<T1, T2, TResult>(Expression<Func<T1, T2, TResult>> lambda) => lambda;

    // Node type, result type and children; constants with their value; parameters by name.
    private static string Shape(Expression e) => e switch
    {
        ConstantExpression c => $"C<{c.Type.Name}>({c.Value})",
        ParameterExpression p => p.Name!,
        UnaryExpression u => $"{u.NodeType}<{u.Type.Name}>({Shape(u.Operand)})",
        BinaryExpression b => $"{b.NodeType}<{b.Type.Name}>({Shape(b.Left)}, {Shape(b.Right)})",
        _ => throw new ArgumentException($"no shape for {e.NodeType}", nameof(e)),
    };
}
