using System.Linq.Expressions;
using System.Text;

namespace BpfLinq.Compiler.Diagnostics;

/// <summary>The statement nodes of hand-built trees, on one line: <c>{ int i; i = 0; while (true) { ... } }</c>.</summary>
internal static partial class CSharpRenderer
{
    private static bool TryWriteStatement(Output sb, Expression node)
    {
        switch (node)
        {
            case BlockExpression block:
                sb.Append("{ ");
                foreach (var v in block.Variables)
                {
                    sb.Append(TypeName(v.Type)).Append(' ').Append(v.Name ?? "_").Append("; ");
                }
                foreach (var e in block.Expressions)
                {
                    WriteStatementBody(sb, e);
                    sb.Append(' ');
                }
                sb.Append('}');
                return true;
            case LoopExpression loop:
                sb.Append("while (true) ");
                WriteStatement(sb, loop.Body);
                if (loop.BreakLabel is { } breakLabel)
                {
                    sb.Append(' ').Append(LabelName(breakLabel)).Append(':');
                }
                return true;
            case GotoExpression jump:
                sb.Append(jump.Kind switch
                {
                    GotoExpressionKind.Break => "break " + LabelName(jump.Target),
                    GotoExpressionKind.Continue => "continue " + LabelName(jump.Target),
                    GotoExpressionKind.Return => "return",
                    _ => "goto " + LabelName(jump.Target),
                });
                if (jump.Value is not null)
                {
                    sb.Append(' ');
                    Write(sb, jump.Value, Assignment);
                }
                return true;
            case LabelExpression label:
                sb.Append(LabelName(label.Target)).Append(':');
                if (label.DefaultValue is not null)
                {
                    sb.Append(' ');
                    Write(sb, label.DefaultValue, Assignment);
                }
                return true;
            case SwitchExpression sw:
                WriteSwitch(sb, sw);
                return true;
            default:
                return false;
        }
    }

    private static void WriteSwitch(Output sb, SwitchExpression sw)
    {
        sb.Append("switch (");
        Write(sb, sw.SwitchValue, Assignment);
        sb.Append(") { ");
        foreach (var c in sw.Cases)
        {
            foreach (var test in c.TestValues)
            {
                sb.Append("case ");
                Write(sb, test, Assignment);
                sb.Append(": ");
            }
            WriteStatementBody(sb, c.Body);
            sb.Append(' ');
        }
        if (sw.DefaultBody is not null)
        {
            sb.Append("default: ");
            WriteStatementBody(sb, sw.DefaultBody);
            sb.Append(' ');
        }
        sb.Append('}');
    }

    // A statement position: blocks print as blocks, anything else as `expr;`.
    private static void WriteStatement(Output sb, Expression node)
    {
        if (node is BlockExpression)
        {
            WriteNode(sb, node);
        }
        else
        {
            sb.Append("{ ");
            WriteStatementBody(sb, node);
            sb.Append(" }");
        }
    }

    private static void WriteStatementBody(Output sb, Expression node)
    {
        Write(sb, node, Assignment);
        if (node is not (BlockExpression or LoopExpression or LabelExpression or SwitchExpression)
            && !(node is ConditionalExpression c && c.Type == typeof(void)))
        {
            sb.Append(';');
        }
    }

    private static string LabelName(LabelTarget target) => target.Name ?? "label";
}
