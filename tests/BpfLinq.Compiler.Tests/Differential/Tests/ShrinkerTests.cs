using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The shrinker without the kernel: greedy shrinking against a predicate reaches the smallest tree
/// that still satisfies it; every candidate is a closed, well-typed tree the CLR compiles; loops stay
/// finite through any number of shrinking steps; guards keep guarding the division they guard.
/// </summary>
public sealed class ShrinkerTests
{
    [Fact]
    public void Greedy_shrinking_reaches_the_node_that_matters()
    {
        // "Fails" while a 64-bit multiplication remains anywhere.
        static bool Fails(GeneratedProgram p) => Nodes.All(p.Lambda).Any(n => n.NodeType == ExpressionType.Multiply && n.Type == typeof(long));
        var start = Enumerable.Range(0, 400)
            .Select(seed => ProgramGenerator.Generate(new Random(seed), GenerationSettings.Default, 8))
            .Where(p => !p.ReturnsVerdict && Fails(p) && Nodes.All(p.Lambda).Count > 40)
            .Take(5)
            .ToList();
        start.ShouldNotBeEmpty();

        foreach (var program in start)
        {
            var smallest = ShrinkWhile(program, Fails);

            Nodes.All(smallest.Lambda.Body).Count.ShouldBeLessThanOrEqualTo(5, ExpressionText.Of(smallest.Lambda));
        }
    }

    [Fact]
    public void Every_candidate_is_a_tree_the_CLR_compiles()
    {
        foreach (var seed in Enumerable.Range(0, 40))
        {
            var program = ProgramGenerator.Generate(new Random(seed), GenerationSettings.Default, 8);

            foreach (var candidate in TreeShrinker.Shrink(program).Take(60))
            {
                Should.NotThrow(() => candidate.Lambda.Compile(), ExpressionText.Of(candidate.Lambda));
                candidate.Kind.ShouldBe(program.Kind);
            }
        }
    }

    [Fact]
    public void Loops_stay_finite_however_far_they_are_shrunk()
    {
        var looping = Enumerable.Range(0, 2000)
            .Select(seed => ProgramGenerator.Generate(new Random(seed), GenerationSettings.Default, 8))
            .Where(p => Nodes.All(p.Lambda).Any(n => n is LoopExpression or GotoExpression))
            .Take(12)
            .ToList();
        looping.Count.ShouldBe(12);
        var context = new SkBuff();

        foreach (var program in looping)
        {
            // Shrink as far as possible while a loop survives, running every accepted step.
            var smallest = ShrinkWhile(program, p => Nodes.All(p.Lambda).Any(n => n is LoopExpression or GotoExpression) && Terminates(p));

            Terminates(smallest).ShouldBeTrue(ExpressionText.Of(smallest.Lambda));
        }
    }

    [Fact]
    public void A_guarded_divisor_shrinks_in_its_guard_and_its_division_together()
    {
        var divisor = Expression.Add(Expression.Property(Expression.Parameter(typeof(SkBuff), "skb"), nameof(SkBuff.Mark)), Expression.Constant(1u));
        var skb = (ParameterExpression)((MemberExpression)divisor.Left).Expression!;
        var body = Expression.Condition(
            Expression.NotEqual(divisor, Expression.Constant(0u)),
            Expression.Divide(Expression.Constant(100u), divisor),
            Expression.Constant(0u));
        var program = new GeneratedProgram(ProgramKind.Tc, Expression.Lambda<Func<SkBuff, long>>(Expression.Convert(body, typeof(long)), skb));

        var shrunkGuards = TreeShrinker.Shrink(program)
            .Select(c => c.Lambda.Body is UnaryExpression { Operand: ConditionalExpression conditional } ? conditional : null)
            .OfType<ConditionalExpression>()
            .Where(c => c.Test is BinaryExpression && c.IfTrue is BinaryExpression { NodeType: ExpressionType.Divide })
            .ToList();

        shrunkGuards.ShouldNotBeEmpty();
        shrunkGuards.ShouldAllBe(c => ReferenceEquals(((BinaryExpression)c.Test).Left, ((BinaryExpression)c.IfTrue).Right));
    }

    private static GeneratedProgram ShrinkWhile(GeneratedProgram program, Func<GeneratedProgram, bool> fails)
    {
        var current = program;
        while (TreeShrinker.Shrink(current).FirstOrDefault(fails) is { } smaller)
        {
            current = smaller;
        }
        return current;
    }

    // Runs the lambda on an empty context with a time limit; a loop the shrinker broke would spin.
    private static bool Terminates(GeneratedProgram program)
    {
        var compiled = program.Lambda.Compile();
        object context = program.Kind == ProgramKind.Xdp ? new XdpMd() : new SkBuff();
        var run = Task.Run(() =>
        {
            try
            {
                compiled.DynamicInvoke(context);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // An exception is an end too; only spinning is not.
            }
        });
        return run.Wait(TimeSpan.FromSeconds(5));
    }
}
