using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The program generator on its own: trees are well typed (the CLR compiles them), never throw unless
/// they hold an unsupported node, stay within depth 8 and reach it, use every node kind and every
/// scalar type the issue lists, capture real closures, read only fields the kind may read, and are a
/// function of their seed.
/// </summary>
public sealed class GeneratorTests
{
    private const int Programs = 1500;

    private static readonly Lazy<GeneratedProgram[]> s_sample = new(() =>
        Enumerable.Range(0, Programs).Select(seed => ProgramGenerator.Generate(new Random(seed), GenerationSettings.Default, maxDepth: 8)).ToArray());

    private static readonly TestRunInput[] s_inputs = Enumerable.Range(0, 8).Select(i => new InputGenerator().Next(new Random(i))).ToArray();

    [Fact]
    public void Generated_trees_compile_in_the_CLR_and_throw_only_when_they_hold_an_unsupported_node()
    {
        var throwing = new List<string>();
        foreach (var program in s_sample.Value)
        {
            var oracle = ClrOracle.Compile(program);
            foreach (var input in s_inputs)
            {
                try
                {
                    oracle.Evaluate(input.Predict(program.Kind));
                }
                catch (Exception e) when (!program.HasUnsupportedNode)
                {
                    throwing.Add($"{e.GetType().Name}: {program}");
                    break;
                }
                catch (Exception e) when (e is ArithmeticException or ArgumentException)
                {
                    // Unsupported nodes may throw: checked arithmetic, unguarded division, a verdict of another kind.
                }
            }
        }

        throwing.ShouldBeEmpty();
    }

    [Fact]
    public void Trees_are_at_most_eight_operators_deep_and_many_are_that_deep()
    {
        var depths = s_sample.Value.Select(p => TreeDepth.Of(p.Lambda)).ToList();

        depths.Max().ShouldBeLessThanOrEqualTo(8);
        depths.Count(d => d == 8).ShouldBeGreaterThan(Programs / 10);
        depths.Count(d => d <= 3).ShouldBeGreaterThan(Programs / 50);
    }

    [Fact]
    public void Every_node_kind_of_the_issue_appears()
    {
        var seen = s_sample.Value.SelectMany(p => Nodes.All(p.Lambda)).Select(n => n.NodeType).ToHashSet();
        ExpressionType[] expected =
        [
            ExpressionType.Constant, ExpressionType.MemberAccess, ExpressionType.Parameter, ExpressionType.ArrayIndex,
            ExpressionType.Convert, ExpressionType.Add, ExpressionType.Subtract, ExpressionType.Multiply, ExpressionType.Divide,
            ExpressionType.Modulo, ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr, ExpressionType.LeftShift,
            ExpressionType.RightShift, ExpressionType.Negate, ExpressionType.Not, ExpressionType.Equal, ExpressionType.NotEqual,
            ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual,
            ExpressionType.AndAlso, ExpressionType.OrElse, ExpressionType.Conditional, ExpressionType.Invoke, ExpressionType.Lambda,
            ExpressionType.Block, ExpressionType.Assign, ExpressionType.AddAssign, ExpressionType.SubtractAssign,
            ExpressionType.MultiplyAssign, ExpressionType.AndAssign, ExpressionType.OrAssign, ExpressionType.ExclusiveOrAssign,
            ExpressionType.LeftShiftAssign, ExpressionType.RightShiftAssign, ExpressionType.PreIncrementAssign,
            ExpressionType.PostIncrementAssign, ExpressionType.PreDecrementAssign, ExpressionType.PostDecrementAssign,
            ExpressionType.Loop, ExpressionType.Goto, ExpressionType.Label, ExpressionType.Switch, ExpressionType.Call,
            // Unsupported nodes.
            ExpressionType.AddChecked, ExpressionType.SubtractChecked, ExpressionType.MultiplyChecked, ExpressionType.ConvertChecked,
            ExpressionType.NegateChecked, ExpressionType.New, ExpressionType.NewArrayBounds, ExpressionType.ArrayLength,
            ExpressionType.TypeIs, ExpressionType.Coalesce,
        ];

        expected.Except(seen).ShouldBeEmpty();
    }

    [Fact]
    public void Blocks_declare_variables_again_shadowing_or_reusing_them_and_read_them_first()
    {
        var blocks = s_sample.Value.SelectMany(p => Nodes.All(p.Lambda)).OfType<BlockExpression>().Where(b => b.Variables.Count > 0).ToList();
        var declared = blocks.SelectMany(b => b.Variables).GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        bool Shadows(BlockExpression outer) => outer.Expressions.SelectMany(Nodes.All).OfType<BlockExpression>().Any(inner => inner.Variables.Intersect(outer.Variables).Any());
        bool ReadsFirst(BlockExpression b) => b.Expressions[0] is BinaryExpression { NodeType: not ExpressionType.Assign, Left: ParameterExpression v } && b.Variables.Contains(v);

        declared.Count.ShouldBeGreaterThan(Programs / 20);
        blocks.Count(Shadows).ShouldBeGreaterThan(Programs / 100);
        blocks.Count(b => ReadsFirst(b) && b.Variables.Any(declared.Contains)).ShouldBeGreaterThan(Programs / 100);
    }

    [Fact]
    public void Every_operator_meets_every_type_it_has_in_CSharp()
    {
        var seen = s_sample.Value.SelectMany(p => Nodes.All(p.Lambda)).OfType<BinaryExpression>()
            .Select(b => (b.NodeType, b.Left.Type)).ToHashSet();
        var missing =
            from op in new[] { ExpressionType.Add, ExpressionType.Subtract, ExpressionType.Multiply, ExpressionType.Divide, ExpressionType.Modulo,
                               ExpressionType.And, ExpressionType.Or, ExpressionType.ExclusiveOr, ExpressionType.LeftShift, ExpressionType.RightShift,
                               ExpressionType.Equal, ExpressionType.LessThan, ExpressionType.GreaterThanOrEqual }
            from type in ScalarType.Promoted
            where !seen.Contains((op, type.Clr))
            select $"{op} on {type}";
        var promotions = s_sample.Value.SelectMany(p => Nodes.All(p.Lambda)).OfType<UnaryExpression>()
            .Where(u => u.NodeType == ExpressionType.Convert).Select(u => u.Operand.Type).ToHashSet();

        missing.ShouldBeEmpty();
        ScalarType.All.Select(s => s.Clr).Except(promotions).ShouldBe([typeof(bool)], ignoreOrder: true);
        seen.ShouldContain((ExpressionType.Equal, typeof(bool)));
        seen.ShouldContain((ExpressionType.And, typeof(bool)));
    }

    [Fact]
    public void Captured_variables_are_real_closures()
    {
        var closures = s_sample.Value.SelectMany(p => Nodes.All(p.Lambda)).OfType<ConstantExpression>()
            .Select(c => c.Type).Where(t => t.Name.Contains("DisplayClass", StringComparison.Ordinal)).ToList();

        closures.Count.ShouldBeGreaterThan(Programs);
        closures.ShouldAllBe(t => t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false));
    }

    [Fact]
    public void Supported_trees_read_only_fields_their_kind_may_read()
    {
        var reads =
            from program in s_sample.Value
            where !program.HasUnsupportedNode
            from member in Nodes.All(program.Lambda).OfType<MemberExpression>()
            where member.Expression is ParameterExpression p && (p.Type == typeof(SkBuff) || p.Type == typeof(XdpMd))
            select (program.Kind, member.Member.Name);

        reads.Where(r => !ContextReadability.CanRead(r.Kind, r.Name)).ShouldBeEmpty();
        reads.Select(r => r.Name).Distinct().Count().ShouldBe(ContextReadability.TestRunKinds.SelectMany(ContextReadability.Readable).Distinct().Count());
    }

    [Fact]
    public void Shapes_kinds_and_unsupported_nodes_come_in_useful_proportions()
    {
        var sample = s_sample.Value;

        sample.Count(p => p.HasUnsupportedNode).ShouldBeInRange(Programs / 20, Programs / 6);
        sample.Count(p => p.ReturnsVerdict).ShouldBeInRange(Programs / 3, Programs * 2 / 3);
        sample.Where(p => p.Kind == ProgramKind.CgroupSkb).ShouldAllBe(p => p.ReturnsVerdict);
        ContextReadability.TestRunKinds.ShouldAllBe(kind => sample.Count(p => p.Kind == kind) > Programs / 8);
    }

    [Fact]
    public void A_seed_names_a_tree()
    {
        var first = Enumerable.Range(0, 50).Select(Text).ToList();
        var second = Enumerable.Range(0, 50).Select(Text).ToList();

        second.ShouldBe(first);
        first.Distinct().Count().ShouldBe(50);
    }

    private static string Text(int seed) => ProgramGenerator.Generate(new Random(seed), GenerationSettings.Default, 8).ToString();
}
