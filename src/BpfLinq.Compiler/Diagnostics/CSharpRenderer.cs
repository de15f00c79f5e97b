using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Compiler.Diagnostics;

/// <summary>
/// Renders expression nodes as the C# that produces them (<c>skb.Len &lt; 6</c>, <c>(int)x</c>,
/// <c>checked(a + b)</c>, <c>Verdict.Pass</c>), for diagnostics and the source map. Captured
/// variables print by their C# name: a field of a compiler-generated closure (<c>value(&lt;&gt;c__DisplayClass).limit</c>
/// in <see cref="Expression.ToString"/>) prints as <c>limit</c>. Operators get parentheses only where
/// C# precedence needs them. Statement nodes of hand-built trees (blocks, loops, switch, goto) print
/// on one line in a C#-like form; the result is for people, not for a C# compiler.
/// </summary>
internal static partial class CSharpRenderer
{
    // C# precedence, loosest first (ECMA-334 §12.4.2).
    private const int Assignment = 1;
    private const int Conditional = 2;
    private const int Coalesce = 3;
    private const int OrElse = 4;
    private const int AndAlso = 5;
    private const int Or = 6;
    private const int Xor = 7;
    private const int And = 8;
    private const int Equality = 9;
    private const int Relational = 10;
    private const int Shift = 11;
    private const int Additive = 12;
    private const int Multiplicative = 13;
    private const int Unary = 14;
    private const int Primary = 15;

    // Nesting below this depth prints as "..." in a head: a short line never needs it, and a head of a
    // node of a generated 50,000-deep chain would otherwise walk the whole chain for every instruction.
    private const int HeadDepth = 64;


    /// <summary>The node as C#, on a stack deep enough for it (<see cref="DeepStack"/>).</summary>
    public static string Render(Expression node) => DeepStack.Run(node, () => RenderBounded(node, int.MaxValue));

    private static string RenderBounded(Expression node, int depth, int maxLength = int.MaxValue)
    {
        var sb = new Output(depth) { MaxLength = maxLength };
        Write(sb, node, Assignment);
        return sb.ToString();
    }

    // The text being written, and how much deeper it may still go (int.MaxValue when in full).
    private sealed class Output(int depthLeft)
    {
        private readonly StringBuilder _text = new();

        public int DepthLeft { get; set; } = depthLeft;

        // Past this many characters the text is cut anyway: nodes are no longer written (what is
        // appended after only follows the part that is kept). A head of a 10,000-link chain
        // rendered 64 levels, 1,000 characters, to keep 80.
        public int MaxLength { get; init; } = int.MaxValue;

        public bool IsFull => _text.Length > MaxLength;

        public Output Append(string? value)
        {
            _text.Append(value);
            return this;
        }

        public Output Append(char value)
        {
            _text.Append(value);
            return this;
        }

        public Output Append(object? value)
        {
            _text.Append(value);
            return this;
        }

        public Output AppendJoin(string separator, IEnumerable<string> values)
        {
            _text.AppendJoin(separator, values);
            return this;
        }

        public override string ToString() => _text.ToString();
    }

    /// <summary>
    /// The node as a short line for the source map: statements by their head (<c>while (true)</c>,
    /// <c>switch (x)</c>, <c>if (c)</c>, <c>{ ... }</c>), expressions in full up to
    /// <paramref name="maxLength"/> characters (then cut with "...").
    /// </summary>
    public static string RenderHead(Expression node, int maxLength = 80)
    {
        var text = node switch
        {
            BlockExpression => "{ ... }",
            LoopExpression => "while (true)",
            SwitchExpression sw => "switch (" + RenderBounded(sw.SwitchValue, HeadDepth, maxLength) + ")",
            ConditionalExpression c when c.Type == typeof(void) => "if (" + RenderBounded(c.Test, HeadDepth, maxLength) + ")",
            _ => RenderBounded(node, HeadDepth, maxLength),
        };
        return text.Length <= maxLength ? text : text[..(maxLength - 3)] + "...";
    }

    private static void Write(Output sb, Expression? node, int context)
    {
        if (node is null)
        {
            return;
        }
        var precedence = PrecedenceOf(node);
        var parenthesise = precedence < context;
        if (parenthesise)
        {
            sb.Append('(');
        }
        WriteNode(sb, node);
        if (parenthesise)
        {
            sb.Append(')');
        }
    }

    private static void WriteNode(Output sb, Expression node)
    {
        if (sb.IsFull)
        {
            return;
        }
        if (sb.DepthLeft <= 0)
        {
            sb.Append("...");
            return;
        }
        sb.DepthLeft--;
        WriteNodeOf(sb, node);
        sb.DepthLeft++;
    }

    private static void WriteNodeOf(Output sb, Expression node)
    {
        switch (node)
        {
            case BinaryExpression b:
                WriteBinary(sb, b);
                break;
            case UnaryExpression u:
                WriteUnary(sb, u);
                break;
            case ConstantExpression c:
                WriteConstant(sb, c.Value, c.Type);
                break;
            case ParameterExpression p:
                sb.Append(p.Name ?? "_");
                break;
            case MemberExpression m:
                WriteMember(sb, m);
                break;
            case ConditionalExpression c when c.Type == typeof(void):
                sb.Append("if (");
                Write(sb, c.Test, Assignment);
                sb.Append(") ");
                WriteStatement(sb, c.IfTrue);
                if (c.IfFalse is not DefaultExpression { Type: var t } || t != typeof(void))
                {
                    sb.Append(" else ");
                    WriteStatement(sb, c.IfFalse);
                }
                break;
            case ConditionalExpression c:
                Write(sb, c.Test, Coalesce);
                sb.Append(" ? ");
                Write(sb, c.IfTrue, Conditional);
                sb.Append(" : ");
                Write(sb, c.IfFalse, Conditional);
                break;
            case MethodCallExpression call:
                WriteCall(sb, call);
                break;
            case InvocationExpression invoke:
                Write(sb, invoke.Expression, Primary);
                WriteArguments(sb, invoke.Arguments, '(', ')');
                break;
            case LambdaExpression lambda:
                WriteLambda(sb, lambda);
                break;
            case IndexExpression index:
                Write(sb, index.Object, Primary);
                WriteArguments(sb, index.Arguments, '[', ']');
                break;
            case DefaultExpression d:
                sb.Append(d.Type == typeof(void) ? "{ }" : $"default({TypeName(d.Type)})");
                break;
            case TypeBinaryExpression tb:
                Write(sb, tb.Expression, Relational + 1);
                sb.Append(" is ").Append(TypeName(tb.TypeOperand));
                break;
            case NewExpression n:
                sb.Append("new ").Append(TypeName(n.Type));
                WriteArguments(sb, n.Arguments, '(', ')');
                break;
            case NewArrayExpression na when na.NodeType == ExpressionType.NewArrayInit:
                sb.Append("new[] { ").AppendJoin(", ", na.Expressions.Select(Render)).Append(" }");
                break;
            case NewArrayExpression na:
                sb.Append("new ").Append(TypeName(na.Type.GetElementType()!));
                WriteArguments(sb, na.Expressions, '[', ']');
                break;
            default:
                if (!TryWriteStatement(sb, node))
                {
                    sb.Append(node.ToString());
                }
                break;
        }
    }

    private static void WriteArguments(Output sb, IEnumerable<Expression> arguments, char open, char close)
    {
        sb.Append(open);
        var first = true;
        foreach (var a in arguments)
        {
            sb.Append(first ? "" : ", ");
            Write(sb, a, Assignment);
            first = false;
        }
        sb.Append(close);
    }

    private static void WriteLambda(Output sb, LambdaExpression lambda)
    {
        if (lambda.Parameters.Count == 1)
        {
            sb.Append(lambda.Parameters[0].Name ?? "_");
        }
        else
        {
            sb.Append('(').AppendJoin(", ", lambda.Parameters.Select(p => p.Name ?? "_")).Append(')');
        }
        sb.Append(" => ");
        Write(sb, lambda.Body, Assignment);
    }

    private static void WriteMember(Output sb, MemberExpression m)
    {
        if (m.Expression is null)
        {
            sb.Append(TypeName(m.Member.DeclaringType!)).Append('.').Append(m.Member.Name);
            return;
        }
        if (IsClosure(m.Expression))
        {
            // A captured variable: the closure is invisible in C#. Hoisted `this` prints as this;
            // a link to an outer closure (CS$<>8__locals1) is itself a closure.
            sb.Append(m.Member.Name.Contains("__this", StringComparison.Ordinal) ? "this" : m.Member.Name);
            return;
        }
        Write(sb, m.Expression, Primary);
        sb.Append('.').Append(m.Member.Name);
    }

    // True for an expression whose value is a compiler-generated closure (display class) object.
    private static bool IsClosure(Expression e) => e switch
    {
        ConstantExpression c => c.Value is not null && IsCompilerGenerated(c.Value.GetType()),
        MemberExpression m => IsCompilerGenerated(m.Type) && m.Expression is not null && IsClosure(m.Expression),
        _ => false,
    };

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.StartsWith("<>", StringComparison.Ordinal);

    private static void WriteCall(Output sb, MethodCallExpression call)
    {
        var method = call.Method;
        if (call.Object is null)
        {
            sb.Append(TypeName(method.DeclaringType!));
        }
        else
        {
            Write(sb, call.Object, Primary);
        }
        sb.Append('.').Append(method.Name);
        WriteArguments(sb, call.Arguments, '(', ')');
    }

    private static int PrecedenceOf(Expression node) => node.NodeType switch
    {
        ExpressionType.Constant => IsCast(node.Type) || IsNegative(((ConstantExpression)node).Value) ? Unary : Primary,
        _ when Unchecked(node.NodeType) != node.NodeType => Primary, // checked(...) parenthesises itself
        var type => OperatorPrecedence(type, node.Type),
    };

    private static int OperatorPrecedence(ExpressionType nodeType, Type type) => nodeType switch
    {
        ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
            or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign or ExpressionType.ModuloAssign
            or ExpressionType.AndAssign or ExpressionType.OrAssign or ExpressionType.ExclusiveOrAssign
            or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign or ExpressionType.PowerAssign
            or ExpressionType.Lambda => Assignment,
        ExpressionType.Conditional => type == typeof(void) ? Primary : Conditional,
        ExpressionType.Coalesce => Coalesce,
        ExpressionType.OrElse => OrElse,
        ExpressionType.AndAlso => AndAlso,
        ExpressionType.Or => Or,
        ExpressionType.ExclusiveOr => Xor,
        ExpressionType.And => And,
        ExpressionType.Equal or ExpressionType.NotEqual => Equality,
        ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan
            or ExpressionType.GreaterThanOrEqual or ExpressionType.TypeIs or ExpressionType.TypeAs => Relational,
        ExpressionType.LeftShift or ExpressionType.RightShift => Shift,
        ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Increment or ExpressionType.Decrement => Additive,
        ExpressionType.Multiply or ExpressionType.Divide or ExpressionType.Modulo => Multiplicative,
        ExpressionType.Negate or ExpressionType.UnaryPlus or ExpressionType.Not or ExpressionType.OnesComplement
            or ExpressionType.Convert or ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
            or ExpressionType.IsFalse or ExpressionType.Unbox => Unary,
        _ => Primary,
    };

    // Constants of types without a literal suffix print as a cast: (byte)5.
    private static bool IsCast(Type type) =>
        type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort);

    private static bool IsNegative(object? value) => value switch
    {
        sbyte v => v < 0,
        short v => v < 0,
        int v => v < 0,
        long v => v < 0,
        _ => false,
    };
}
