using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Testing;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary>
/// Trees nested 50,000 deep, as a rule generator writes them, must never end the process: every
/// walk over them (compiling, evaluating, rendering an error) runs on a stack sized for the tree
/// (<see cref="DeepStack"/>). Each test runs on a thread with a 1 MB stack, less than a thread-pool
/// thread's, as a service would call the library; before the fix each of these was a stack overflow.
/// </summary>
public sealed class DeepTreeTests
{
    private const int Deep = 50_000;

    // Links of the chains the compile test compiles.
    private const int CompiledLinks = 1_000;

    public static TheoryData<string> Shapes => new(DeepChains.Names);

    public static TheoryData<string> ScalarShapes => new(DeepChains.Names.Where(s => s != "firewall"));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_deep_chain_renders_as_CSharp(string shape)
    {
        var (op, left) = DeepChains.Parse(shape);
        var lambda = DeepChains.Build(op, left, Deep);

        var text = OnSmallStack(() => CSharpRenderer.Render(lambda));

        text.ShouldStartWith("skb => ");
        text.Length.ShouldBeGreaterThan(Deep * 4);
    }

    [Theory]
    [MemberData(nameof(ScalarShapes))]
    public void A_deep_chain_evaluates_to_what_the_chain_computes(string shape)
    {
        var (op, left) = DeepChains.Parse(shape);
        // No source text: the filter renders its own, which walks the whole tree too.
        var filter = Bpf.Program(DeepChains.Build(op, left, Deep), source: null);

        foreach (var (mark, len) in new[] { (0u, 0u), (7u, 3u), (40_000u, 40_001u), (uint.MaxValue, 1u) })
        {
            OnSmallStack(() => filter.Evaluate(new SkBuff { Mark = mark, Len = len }, ProgramKind.Tc))
                .ShouldBe(DeepChains.Reference(op, left, Deep, mark, len), $"mark {mark}, len {len}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_deep_chain_compiles_or_is_a_documented_error(string shape)
    {
        var (op, left) = DeepChains.Parse(shape);
        var filter = Bpf.Program(DeepChains.Build(op, left, CompiledLinks), "generated");

        var outcome = OnSmallStack(() => CompileOrError(filter));

        if (StackBound(op, left))
        {
            // Every left operand stays alive until the innermost link is known: more than 512 bytes of stack.
            outcome.Error.ShouldNotBeNull().Code.ShouldBe(DiagnosticCode.StackTooLarge);
            outcome.Error.ExpressionPath.ShouldBe("");
            outcome.Error.Lambda.ShouldBe("generated");
        }
        else
        {
            outcome.Error.ShouldBeNull();
            outcome.Program!.Instructions.Length.ShouldBeGreaterThan(CompiledLinks);
        }
    }

    // The chains whose values all stay alive together: a right-nested == of materialised bools.
    private static bool StackBound(DeepChains.Op op, bool left) => op == DeepChains.Op.Equal && !left;

    private static (CompiledProgram? Program, BpfCompileException? Error) CompileOrError(BpfFilter<SkBuff> filter)
    {
        try
        {
            return (filter.Compile(ProgramKind.Tc), null);
        }
        catch (BpfCompileException e)
        {
            return (null, e);
        }
    }

    [Fact]
    public void A_deep_filter_composes_with_another()
    {
        // An else-if chain of verdicts: skb.Mark == 1 ? Drop : skb.Mark == 2 ? Drop : ... : Pass.
        var skb = E.Parameter(typeof(SkBuff), "skb");
        E verdict = E.Property(null, typeof(Verdict), nameof(Verdict.Pass));
        for (var i = 1; i <= Deep; i++)
        {
            verdict = E.Condition(E.Equal(E.Property(skb, nameof(SkBuff.Mark)), E.Constant((uint)i)), E.Property(null, typeof(Verdict), nameof(Verdict.Drop)), verdict);
        }
        var rules = Bpf.Filter(E.Lambda<Func<SkBuff, Verdict>>(verdict, skb), "rules");
        var small = Bpf.Filter<SkBuff>(s => s.Len > 10 ? Verdict.Pass : Verdict.Drop);

        var composed = OnSmallStack(() => small.And(rules));

        OnSmallStack(() => composed.Evaluate(new SkBuff { Mark = 7, Len = 20 }, ProgramKind.Tc)).ShouldBe(Verdict.Drop.ToReturnValue(ProgramKind.Tc));
        OnSmallStack(() => composed.Evaluate(new SkBuff { Mark = Deep + 1, Len = 20 }, ProgramKind.Tc)).ShouldBe(Verdict.Pass.ToReturnValue(ProgramKind.Tc));
    }

    [Fact]
    public void A_tree_of_more_than_a_million_nodes_is_a_documented_error()
    {
        // A node used twice counts twice, as every walk visits it twice: 2^21 nodes from 21 distinct ones.
        var skb = E.Parameter(typeof(SkBuff), "skb");
        E sum = E.Property(skb, nameof(SkBuff.Mark));
        for (var i = 0; i < 20; i++)
        {
            sum = E.Add(sum, sum);
        }
        var filter = Bpf.Program(E.Lambda<Func<SkBuff, long>>(E.Convert(sum, typeof(long)), skb), "doubled");

        var e = Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.Tc));

        e.Code.ShouldBe(DiagnosticCode.ProgramTooLarge);
        e.ExpressionPath.ShouldBe("");
        e.Message.ShouldContain("more than 1,000,000 expression nodes");
    }

    // Runs `work` on a thread with a 1 MB stack.
    private static T OnSmallStack<T>(Func<T> work) => DeepStack.OnOwnThread(work, 1 << 20);
}
