using System.Globalization;
using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Renders an expression tree as C#-like text for failure reports: operators with C# precedence and
/// parentheses only where needed, casts, typed literals (<c>5u</c>, <c>(byte)5</c>, <c>long.MinValue</c>),
/// captured variables with their value (<c>limit /*= 42*/</c>), checked nodes as <c>checked(...)</c>,
/// and statement nodes of hand-built trees as C#-style blocks, loops, gotos and switches.
/// </summary>
internal static class ExpressionText
{
    private const int Assignment = 1, Conditional = 2, Coalesce = 3, OrElse = 4, AndAlso = 5, Or = 6, Xor = 7, And = 8,
        Equality = 9, Relational = 10, Shift = 11, Additive = 12, Multiplicative = 13, Unary = 14, Primary = 15;

    /// <summary>The text of a tree.</summary>
    public static string Of(Expression e) => Render(e, 0);

    private static string Render(Expression e, int context)
    {
        var (text, precedence) = Node(e);
        return precedence < context ? $"({text})" : text;
    }

    private static (string Text, int Precedence) Node(Expression e) => e switch
    {
        LambdaExpression l => ($"{Parameters(l)} => {Render(l.Body, 0)}", Assignment),
        ParameterExpression p => (p.Name ?? "p", Primary),
        ConstantExpression c => Literal(c.Value, c.Type),
        _ when IsCaptured(e) => ($"{Captured(e)} /*= {Literal(Evaluate(e), e.Type).Text}*/", Primary),
        MemberExpression { Expression: null } m when m.Member.DeclaringType == typeof(Verdict) => (m.Member.Name, Primary),
        MemberExpression m => ($"{(m.Expression is null ? m.Member.DeclaringType!.Name : Render(m.Expression, Primary))}.{m.Member.Name}", Primary),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => ($"{Render(b.Left, Primary)}[{Render(b.Right, 0)}]", Primary),
        BinaryExpression b => Binary(b),
        UnaryExpression u => UnaryNode(u),
        ConditionalExpression { Type: var t } c when t == typeof(void) => (IfStatement(c), Primary),
        ConditionalExpression c => ($"{Render(c.Test, Coalesce)} ? {Render(c.IfTrue, Conditional)} : {Render(c.IfFalse, Conditional)}", Conditional),
        MethodCallExpression call => (Call(call), Primary),
        InvocationExpression i => ($"{Render(i.Expression, Primary)}({string.Join(", ", i.Arguments.Select(a => Render(a, 0)))})", Primary),
        BlockExpression block => (Block(block), Primary),
        LoopExpression loop => ($"loop {{ {Statement(loop.Body)} }}{(loop.BreakLabel is null ? "" : $" {loop.BreakLabel.Name}:")}", Primary),
        GotoExpression g => ($"{(g.Kind == GotoExpressionKind.Break ? "break" : "goto")} {g.Target.Name}", Primary),
        LabelExpression label => ($"{label.Target.Name}:", Primary),
        SwitchExpression s => (Switch(s), Primary),
        NewExpression n => ($"new {TypeName(n.Type)}({string.Join(", ", n.Arguments.Select(a => Render(a, 0)))})", Primary),
        NewArrayExpression { NodeType: ExpressionType.NewArrayBounds } a => ($"new {TypeName(a.Type.GetElementType()!)}[{Render(a.Expressions[0], 0)}]", Primary),
        TypeBinaryExpression t => ($"{Render(t.Expression, Relational)} is {TypeName(t.TypeOperand)}", Relational),
        DefaultExpression d => (d.Type == typeof(void) ? "" : $"default({TypeName(d.Type)})", Primary),
        _ => (e.ToString(), Primary),
    };

    private static string Parameters(LambdaExpression l) =>
        l.Parameters.Count == 1 && (l.Parameters[0].Type == typeof(SkBuff) || l.Parameters[0].Type == typeof(XdpMd))
            ? l.Parameters[0].Name ?? "ctx"
            : $"({string.Join(", ", l.Parameters.Select(p => $"{TypeName(p.Type)} {p.Name}"))})";

    private static (string, int) Binary(BinaryExpression b)
    {
        var (op, precedence, isChecked) = b.NodeType switch
        {
            ExpressionType.Add => ("+", Additive, false),
            ExpressionType.AddChecked => ("+", Additive, true),
            ExpressionType.Subtract => ("-", Additive, false),
            ExpressionType.SubtractChecked => ("-", Additive, true),
            ExpressionType.Multiply => ("*", Multiplicative, false),
            ExpressionType.MultiplyChecked => ("*", Multiplicative, true),
            ExpressionType.Divide => ("/", Multiplicative, false),
            ExpressionType.Modulo => ("%", Multiplicative, false),
            ExpressionType.LeftShift => ("<<", Shift, false),
            ExpressionType.RightShift => (">>", Shift, false),
            ExpressionType.And => ("&", And, false),
            ExpressionType.Or => ("|", Or, false),
            ExpressionType.ExclusiveOr => ("^", Xor, false),
            ExpressionType.AndAlso => ("&&", AndAlso, false),
            ExpressionType.OrElse => ("||", OrElse, false),
            ExpressionType.Equal => ("==", Equality, false),
            ExpressionType.NotEqual => ("!=", Equality, false),
            ExpressionType.LessThan => ("<", Relational, false),
            ExpressionType.LessThanOrEqual => ("<=", Relational, false),
            ExpressionType.GreaterThan => (">", Relational, false),
            ExpressionType.GreaterThanOrEqual => (">=", Relational, false),
            ExpressionType.Coalesce => ("??", Coalesce, false),
            ExpressionType.Assign => ("=", Assignment, false),
            ExpressionType.AddAssign => ("+=", Assignment, false),
            ExpressionType.SubtractAssign => ("-=", Assignment, false),
            ExpressionType.MultiplyAssign => ("*=", Assignment, false),
            ExpressionType.AndAssign => ("&=", Assignment, false),
            ExpressionType.OrAssign => ("|=", Assignment, false),
            ExpressionType.ExclusiveOrAssign => ("^=", Assignment, false),
            ExpressionType.LeftShiftAssign => ("<<=", Assignment, false),
            ExpressionType.RightShiftAssign => (">>=", Assignment, false),
            _ => (b.NodeType.ToString(), Primary, false),
        };
        // Left-associative: the right operand needs parentheses at equal precedence; assignments and ?? associate right.
        var rightAssociative = precedence is Assignment or Coalesce;
        var left = Render(b.Left, rightAssociative ? precedence + 1 : precedence);
        var right = Render(b.Right, rightAssociative ? precedence : precedence + 1);
        var text = $"{left} {op} {right}";
        return isChecked ? ($"checked({text})", Primary) : (text, precedence);
    }

    private static (string, int) UnaryNode(UnaryExpression u) => u.NodeType switch
    {
        ExpressionType.Convert => ($"({TypeName(u.Type)}){Render(u.Operand, Unary)}", Unary),
        ExpressionType.ConvertChecked => ($"checked(({TypeName(u.Type)}){Render(u.Operand, Unary)})", Primary),
        ExpressionType.Negate => ($"-{Render(u.Operand, Unary)}", Unary),
        ExpressionType.NegateChecked => ($"checked(-{Render(u.Operand, Unary)})", Primary),
        ExpressionType.UnaryPlus => ($"+{Render(u.Operand, Unary)}", Unary),
        ExpressionType.Not => ($"{(u.Type == typeof(bool) ? "!" : "~")}{Render(u.Operand, Unary)}", Unary),
        ExpressionType.ArrayLength => ($"{Render(u.Operand, Primary)}.Length", Primary),
        ExpressionType.PreIncrementAssign => ($"++{Render(u.Operand, Unary)}", Unary),
        ExpressionType.PreDecrementAssign => ($"--{Render(u.Operand, Unary)}", Unary),
        ExpressionType.PostIncrementAssign => ($"{Render(u.Operand, Primary)}++", Primary),
        ExpressionType.PostDecrementAssign => ($"{Render(u.Operand, Primary)}--", Primary),
        ExpressionType.Quote => (Render(u.Operand, Primary), Primary),
        _ => (u.ToString(), Primary),
    };

    private static string Call(MethodCallExpression call)
    {
        var arguments = string.Join(", ", call.Arguments.Select(a => Render(a, 0)));
        if (call.Object is not null)
        {
            return $"{Render(call.Object, Primary)}.{call.Method.Name}({arguments})";
        }
        var owner = call.Method.DeclaringType == typeof(Verdict) ? "" : TypeName(call.Method.DeclaringType!) + ".";
        return $"{owner}{call.Method.Name}({arguments})";
    }

    private static string Block(BlockExpression block)
    {
        var declarations = block.Variables.Select(v => $"{TypeName(v.Type)} {v.Name}; ");
        var statements = block.Expressions.Select(Statement);
        return $"{{ {string.Concat(declarations)}{string.Join("; ", statements)} }}";
    }

    private static string Statement(Expression e) => e is ConditionalExpression { Type: var t } c && t == typeof(void) ? IfStatement(c) : Render(e, 0);

    private static string IfStatement(ConditionalExpression c) =>
        $"if ({Render(c.Test, 0)}) {{ {Statement(c.IfTrue)} }}" + (c.IfFalse is DefaultExpression ? "" : $" else {{ {Statement(c.IfFalse)} }}");

    private static string Switch(SwitchExpression s)
    {
        var cases = s.Cases.Select(c => $"{string.Concat(c.TestValues.Select(v => $"case {Render(v, 0)}: "))}{Render(c.Body, 0)}; ");
        var fallback = s.DefaultBody is null ? "" : $"default: {Render(s.DefaultBody, 0)}";
        return $"switch ({Render(s.SwitchValue, 0)}) {{ {string.Concat(cases)}{fallback} }}";
    }

    // A captured variable: a member or element chain over a constant (the closure object), no parameters.
    private static bool IsCaptured(Expression e) => e switch
    {
        MemberExpression { Expression: ConstantExpression } => true,
        MemberExpression { Expression: { } inner } => IsCaptured(inner),
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } b => IsCaptured(b.Left) && (b.Right is ConstantExpression || IsCaptured(b.Right)),
        _ => false,
    };

    private static string Captured(Expression e) => e switch
    {
        MemberExpression { Expression: ConstantExpression } m => m.Member.Name,
        MemberExpression m => $"{Captured(m.Expression!)}.{m.Member.Name}",
        BinaryExpression b => $"{Captured(b.Left)}[{(b.Right is ConstantExpression c ? Literal(c.Value, c.Type).Text : Captured(b.Right))}]",
        _ => e.ToString(),
    };

    private static object? Evaluate(Expression e) => Expression.Lambda(e).Compile(preferInterpretation: true).DynamicInvoke();

    private static (string Text, int Precedence) Literal(object? value, Type type) => value switch
    {
        null => ("null", Primary),
        bool b => (b ? "true" : "false", Primary),
        int i => (i == int.MinValue ? "int.MinValue" : Invariant(i), i < 0 ? Unary : Primary),
        uint u => (Invariant(u) + "u", Primary),
        long l => (l == long.MinValue ? "long.MinValue" : Invariant(l) + "L", l < 0 ? Unary : Primary),
        ulong ul => (Invariant(ul) + "UL", Primary),
        char ch => (ch is >= ' ' and <= '~' and not '\'' and not '\\' ? $"'{ch}'" : $"'\\u{(int)ch:x4}'", Primary),
        Enum e => (Enum.IsDefined(type, e) ? $"{type.Name}.{e}" : $"({type.Name}){Invariant(Convert.ToInt64(e, CultureInfo.InvariantCulture))}", Primary),
        byte or sbyte or short or ushort => ($"({TypeName(type)}){Invariant(Convert.ToInt64(value, CultureInfo.InvariantCulture))}", Unary),
        _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", Primary),
    };

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The C# keyword or short name of a type.</summary>
    public static string TypeName(Type type) => Type.GetTypeCode(type) switch
    {
        _ when type.IsEnum => type.Name,
        TypeCode.Boolean => "bool",
        TypeCode.Byte => "byte",
        TypeCode.SByte => "sbyte",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Char => "char",
        _ when type == typeof(object) => "object",
        _ when Nullable.GetUnderlyingType(type) is { } inner => TypeName(inner) + "?",
        _ => type.Name,
    };
}
