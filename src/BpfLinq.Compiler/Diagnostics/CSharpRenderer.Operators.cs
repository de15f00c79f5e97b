using System.Globalization;
using System.Linq.Expressions;
using System.Text;

namespace BpfLinq.Compiler.Diagnostics;

/// <summary>Operators and literals.</summary>
internal static partial class CSharpRenderer
{
    private static void WriteBinary(Output sb, BinaryExpression b)
    {
        if (b.NodeType == ExpressionType.ArrayIndex)
        {
            Write(sb, b.Left, Primary);
            sb.Append('[');
            Write(sb, b.Right, Assignment);
            sb.Append(']');
            return;
        }
        if (b.NodeType == ExpressionType.Power || b.NodeType == ExpressionType.PowerAssign)
        {
            if (b.NodeType == ExpressionType.PowerAssign)
            {
                Write(sb, b.Left, Unary);
                sb.Append(" = ");
            }
            sb.Append("Math.Pow(");
            Write(sb, b.Left, Assignment);
            sb.Append(", ");
            Write(sb, b.Right, Assignment);
            sb.Append(')');
            return;
        }
        var (symbol, isChecked) = BinarySymbol(b.NodeType);
        if (isChecked)
        {
            sb.Append("checked(");
        }
        var precedence = OperatorPrecedence(Unchecked(b.NodeType), b.Type);
        var rightAssociative = precedence is Assignment or Coalesce;
        // (a < b) == (c < d) is legal without parentheses but nobody reads it so.
        var left = precedence == Equality ? Shift : rightAssociative ? precedence + 1 : precedence;
        var right = precedence == Equality ? Shift : rightAssociative ? precedence : precedence + 1;
        Write(sb, b.Left, left);
        sb.Append(' ').Append(symbol).Append(' ');
        Write(sb, b.Right, right);
        if (isChecked)
        {
            sb.Append(')');
        }
    }

    // The unchecked twin of a checked operator (checked forms print inside checked(...)).
    private static ExpressionType Unchecked(ExpressionType type) => type switch
    {
        ExpressionType.AddChecked => ExpressionType.Add,
        ExpressionType.SubtractChecked => ExpressionType.Subtract,
        ExpressionType.MultiplyChecked => ExpressionType.Multiply,
        ExpressionType.AddAssignChecked => ExpressionType.AddAssign,
        ExpressionType.SubtractAssignChecked => ExpressionType.SubtractAssign,
        ExpressionType.MultiplyAssignChecked => ExpressionType.MultiplyAssign,
        _ => type,
    };

    private static (string Symbol, bool Checked) BinarySymbol(ExpressionType type) => type switch
    {
        ExpressionType.Add => ("+", false),
        ExpressionType.AddChecked => ("+", true),
        ExpressionType.Subtract => ("-", false),
        ExpressionType.SubtractChecked => ("-", true),
        ExpressionType.Multiply => ("*", false),
        ExpressionType.MultiplyChecked => ("*", true),
        ExpressionType.Divide => ("/", false),
        ExpressionType.Modulo => ("%", false),
        ExpressionType.And => ("&", false),
        ExpressionType.Or => ("|", false),
        ExpressionType.ExclusiveOr => ("^", false),
        ExpressionType.AndAlso => ("&&", false),
        ExpressionType.OrElse => ("||", false),
        ExpressionType.LeftShift => ("<<", false),
        ExpressionType.RightShift => (">>", false),
        ExpressionType.Equal => ("==", false),
        ExpressionType.NotEqual => ("!=", false),
        ExpressionType.LessThan => ("<", false),
        ExpressionType.LessThanOrEqual => ("<=", false),
        ExpressionType.GreaterThan => (">", false),
        ExpressionType.GreaterThanOrEqual => (">=", false),
        ExpressionType.Coalesce => ("??", false),
        ExpressionType.Assign => ("=", false),
        ExpressionType.AddAssign => ("+=", false),
        ExpressionType.AddAssignChecked => ("+=", true),
        ExpressionType.SubtractAssign => ("-=", false),
        ExpressionType.SubtractAssignChecked => ("-=", true),
        ExpressionType.MultiplyAssign => ("*=", false),
        ExpressionType.MultiplyAssignChecked => ("*=", true),
        ExpressionType.DivideAssign => ("/=", false),
        ExpressionType.ModuloAssign => ("%=", false),
        ExpressionType.AndAssign => ("&=", false),
        ExpressionType.OrAssign => ("|=", false),
        ExpressionType.ExclusiveOrAssign => ("^=", false),
        ExpressionType.LeftShiftAssign => ("<<=", false),
        ExpressionType.RightShiftAssign => (">>=", false),
        _ => (type.ToString(), false),
    };

    private static void WriteUnary(Output sb, UnaryExpression u)
    {
        switch (u.NodeType)
        {
            case ExpressionType.Convert or ExpressionType.Unbox:
                sb.Append('(').Append(TypeName(u.Type)).Append(')');
                Write(sb, u.Operand, Unary);
                break;
            case ExpressionType.ConvertChecked:
                sb.Append("checked((").Append(TypeName(u.Type)).Append(')');
                Write(sb, u.Operand, Unary);
                sb.Append(')');
                break;
            case ExpressionType.NegateChecked:
                sb.Append("checked(-");
                Write(sb, u.Operand, Unary);
                sb.Append(')');
                break;
            case ExpressionType.Increment or ExpressionType.Decrement:
                Write(sb, u.Operand, Additive);
                sb.Append(u.NodeType == ExpressionType.Increment ? " + 1" : " - 1");
                break;
            case ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign:
                Write(sb, u.Operand, Primary);
                sb.Append(u.NodeType == ExpressionType.PostIncrementAssign ? "++" : "--");
                break;
            case ExpressionType.ArrayLength:
                Write(sb, u.Operand, Primary);
                sb.Append(".Length");
                break;
            case ExpressionType.TypeAs:
                Write(sb, u.Operand, Relational);
                sb.Append(" as ").Append(TypeName(u.Type));
                break;
            case ExpressionType.Quote or ExpressionType.IsTrue:
                Write(sb, u.Operand, Primary);
                break;
            case ExpressionType.Throw:
                sb.Append("throw ");
                Write(sb, u.Operand, Assignment);
                break;
            default:
                sb.Append(u.NodeType switch
                {
                    ExpressionType.Negate => "-",
                    ExpressionType.UnaryPlus => "+",
                    ExpressionType.Not when u.Operand.Type == typeof(bool) => "!",
                    ExpressionType.Not or ExpressionType.OnesComplement => "~",
                    ExpressionType.IsFalse => "!",
                    ExpressionType.PreIncrementAssign => "++",
                    ExpressionType.PreDecrementAssign => "--",
                    _ => u.NodeType + " ",
                });
                Write(sb, u.Operand, Unary);
                break;
        }
    }

    private static void WriteConstant(Output sb, object? value, Type type)
    {
        var c = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null:
                sb.Append(type.IsValueType && type != typeof(void) ? $"default({TypeName(type)})" : "null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case char ch:
                sb.Append(CharLiteral(ch));
                break;
            case Enum e:
                WriteEnum(sb, e);
                break;
            case Verdict v:
                sb.Append("Verdict.").Append(v.ToString());
                break;
            // No suffixes: C# converts the literal the user wrote (skb.Len < 6 holds 6u).
            case int i:
                sb.Append(Number(i, i, c));
                break;
            case uint u:
                sb.Append(Number(u, u, c));
                break;
            case long l:
                sb.Append(Number(l, l, c));
                break;
            case ulong ul:
                sb.Append(Number((decimal)ul, ul, c));
                break;
            case byte or sbyte or short or ushort:
                sb.Append('(').Append(TypeName(type)).Append(')').Append(Convert.ToString(value, c));
                break;
            case string s:
                sb.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case LambdaExpression lambda:
                WriteLambda(sb, lambda);
                break;
            case IFormattable f when type.IsPrimitive:
                sb.Append(f.ToString(null, c));
                break;
            default:
                sb.Append("value(").Append(TypeName(value.GetType())).Append(')');
                break;
        }
    }

    // Small numbers in decimal, large ones (masks, addresses) in hex as people write them.
    private static string Number(decimal magnitude, IFormattable value, CultureInfo c) =>
        magnitude is > -0x10000 and < 0x10000 || magnitude < 0 ? value.ToString(null, c) : "0x" + value.ToString("X", c);

    private static void WriteEnum(Output sb, Enum e)
    {
        var type = e.GetType();
        var name = TypeName(type);
        if (Enum.IsDefined(type, e))
        {
            sb.Append(name).Append('.').Append(e.ToString());
        }
        else
        {
            sb.Append('(').Append(name).Append(')').Append(Convert.ToString(Convert.ChangeType(e, Enum.GetUnderlyingType(type), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
    }

    private static string CharLiteral(char ch) => ch switch
    {
        '\'' => @"'\''",
        '\\' => @"'\\'",
        '\0' => @"'\0'",
        '\n' => @"'\n'",
        '\r' => @"'\r'",
        '\t' => @"'\t'",
        _ when char.IsControl(ch) || char.IsSurrogate(ch) => $"'\\u{(int)ch:x4}'",
        _ => $"'{ch}'",
    };
}
