using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The child nodes of an expression with the step of the path that reaches each, named after the
/// Expression API's properties (<c>Left</c>, <c>Arguments[1]</c>, <c>Cases[0].TestValues[1]</c>).
/// </summary>
internal static class ExpressionChildren
{
    /// <summary>The children of <paramref name="node"/>, each with a function extending a path to it.</summary>
    public static IEnumerable<(Func<ExprPath, ExprPath> Step, Expression Child)> Of(Expression node)
    {
        switch (node)
        {
            case LambdaExpression n:
                yield return (p => p.Child("Body"), n.Body);
                break;
            case BinaryExpression n:
                yield return (p => p.Child("Left"), n.Left);
                yield return (p => p.Child("Right"), n.Right);
                break;
            case UnaryExpression n:
                yield return (p => p.Child("Operand"), n.Operand);
                break;
            case ConditionalExpression n:
                yield return (p => p.Child("Test"), n.Test);
                yield return (p => p.Child("IfTrue"), n.IfTrue);
                yield return (p => p.Child("IfFalse"), n.IfFalse);
                break;
            case MemberExpression { Expression: { } e }:
                yield return (p => p.Child("Expression"), e);
                break;
            case MethodCallExpression n:
                if (n.Object is { } o)
                {
                    yield return (p => p.Child("Object"), o);
                }
                foreach (var a in Elements("Arguments", n.Arguments))
                {
                    yield return a;
                }
                break;
            case InvocationExpression n:
                yield return (p => p.Child("Expression"), n.Expression);
                foreach (var a in Elements("Arguments", n.Arguments))
                {
                    yield return a;
                }
                break;
            case IndexExpression n:
                if (n.Object is { } io)
                {
                    yield return (p => p.Child("Object"), io);
                }
                foreach (var a in Elements("Arguments", n.Arguments))
                {
                    yield return a;
                }
                break;
            case BlockExpression n:
                foreach (var e in Elements("Expressions", n.Expressions))
                {
                    yield return e;
                }
                break;
            case NewArrayExpression n:
                foreach (var e in Elements("Expressions", n.Expressions))
                {
                    yield return e;
                }
                break;
            case NewExpression n:
                foreach (var a in Elements("Arguments", n.Arguments))
                {
                    yield return a;
                }
                break;
            case LoopExpression n:
                yield return (p => p.Child("Body"), n.Body);
                break;
            case GotoExpression { Value: { } v }:
                yield return (p => p.Child("Value"), v);
                break;
            case LabelExpression { DefaultValue: { } d }:
                yield return (p => p.Child("DefaultValue"), d);
                break;
            case TypeBinaryExpression n:
                yield return (p => p.Child("Expression"), n.Expression);
                break;
            case SwitchExpression n:
                foreach (var c in SwitchChildren(n))
                {
                    yield return c;
                }
                break;
        }
    }

    private static IEnumerable<(Func<ExprPath, ExprPath>, Expression)> SwitchChildren(SwitchExpression n)
    {
        yield return (p => p.Child("SwitchValue"), n.SwitchValue);
        for (var i = 0; i < n.Cases.Count; i++)
        {
            var caseIndex = i;
            for (var j = 0; j < n.Cases[i].TestValues.Count; j++)
            {
                var testIndex = j;
                yield return (p => p.Element("Cases", caseIndex).Element("TestValues", testIndex), n.Cases[i].TestValues[j]);
            }
            yield return (p => p.Element("Cases", caseIndex).Child("Body"), n.Cases[i].Body);
        }
        if (n.DefaultBody is { } d)
        {
            yield return (p => p.Child("DefaultBody"), d);
        }
    }

    private static IEnumerable<(Func<ExprPath, ExprPath>, Expression)> Elements(string property, System.Collections.ObjectModel.ReadOnlyCollection<Expression> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var index = i;
            yield return (p => p.Element(property, index), items[i]);
        }
    }
}
