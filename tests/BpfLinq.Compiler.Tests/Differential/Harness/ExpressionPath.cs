using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// Expression paths in the Expression API's own property names, from the root lambda:
/// <c>Body.Test.Left</c>, <c>Body.Arguments[1]</c>, <c>Body.Expressions[0].Right</c>,
/// <c>Body.Cases[2].Body</c>. <see cref="Resolve"/> walks one by reflection (any public property, so it
/// accepts every path a compiler can name); <see cref="Children"/> names each node's children the same
/// way, so a walk down a tree produces paths <see cref="Resolve"/> takes back to the same node.
/// </summary>
internal static partial class ExpressionPath
{
    /// <summary>The object at <paramref name="path"/> below <paramref name="root"/>, or null when a step does not exist.</summary>
    public static object? Resolve(LambdaExpression root, string path)
    {
        object? current = root;
        if (path.Length == 0)
        {
            return current;
        }
        foreach (var segment in path.Split('.'))
        {
            var match = SegmentSyntax().Match(segment);
            if (!match.Success || current is null)
            {
                return null;
            }
            var property = current.GetType().GetProperty(match.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance);
            if (property is null || property.GetIndexParameters().Length != 0)
            {
                return null;
            }
            current = property.GetValue(current);
            if (match.Groups["index"].Success)
            {
                var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
                current = current is IList list && index < list.Count ? list[index] : null;
            }
        }
        return current;
    }

    /// <summary>True when <paramref name="path"/> names an expression node of <paramref name="root"/>.</summary>
    public static bool NamesNode(LambdaExpression root, string? path) => path is not null && Resolve(root, path) is Expression;

    /// <summary>The children of a node, each with the path segment that reaches it.</summary>
    public static IEnumerable<(string Segment, Expression Child)> Children(Expression node)
    {
        IEnumerable<(string, Expression?)> children = node switch
        {
            LambdaExpression l => [("Body", l.Body)],
            BinaryExpression b => [("Left", b.Left), ("Right", b.Right)],
            UnaryExpression u => [("Operand", u.Operand)],
            ConditionalExpression c => [("Test", c.Test), ("IfTrue", c.IfTrue), ("IfFalse", c.IfFalse)],
            MemberExpression m => [("Expression", m.Expression)],
            MethodCallExpression call => [("Object", call.Object), .. Indexed("Arguments", call.Arguments)],
            InvocationExpression i => [("Expression", i.Expression), .. Indexed("Arguments", i.Arguments)],
            BlockExpression block => Indexed("Expressions", block.Expressions),
            LoopExpression loop => [("Body", loop.Body)],
            GotoExpression g => [("Value", g.Value)],
            LabelExpression label => [("DefaultValue", label.DefaultValue)],
            SwitchExpression s =>
            [
                ("SwitchValue", s.SwitchValue),
                .. s.Cases.SelectMany((c, i) => Indexed($"Cases[{i}].TestValues", c.TestValues).Append(($"Cases[{i}].Body", c.Body))),
                ("DefaultBody", s.DefaultBody),
            ],
            TypeBinaryExpression t => [("Expression", t.Expression)],
            NewExpression n => Indexed("Arguments", n.Arguments),
            NewArrayExpression a => Indexed("Expressions", a.Expressions),
            _ => [],
        };
        return children.Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!));
    }

    /// <summary>Every node below <paramref name="root"/> with its path, in pre-order.</summary>
    public static IEnumerable<(string Path, Expression Node)> All(LambdaExpression root)
    {
        var pending = new Stack<(string, Expression)>();
        pending.Push(("", root));
        while (pending.Count > 0)
        {
            var (path, node) = pending.Pop();
            yield return (path, node);
            foreach (var (segment, child) in Children(node).Reverse())
            {
                pending.Push((path.Length == 0 ? segment : $"{path}.{segment}", child));
            }
        }
    }

    /// <summary><paramref name="parent"/>.<paramref name="segment"/>.</summary>
    public static string Append(string parent, string segment) => parent.Length == 0 ? segment : $"{parent}.{segment}";

    private static IEnumerable<(string, Expression?)> Indexed(string name, IEnumerable<Expression> items) =>
        items.Select((item, i) => ($"{name}[{i}]", (Expression?)item));

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)(\[(?<index>\d+)\])?$")]
    private static partial Regex SegmentSyntax();
}
