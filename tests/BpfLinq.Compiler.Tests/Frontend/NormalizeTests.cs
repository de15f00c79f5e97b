using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Frontend.Normalize;
using static BpfLinq.Verdict;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Frontend;

public sealed class NormalizeTests
{
    private static readonly int s_threshold = 77;

    private sealed class Limits
    {
        public int Max { get; init; } = 9000;

        public uint[] Ports { get; init; } = [22, 80];
    }

    private sealed class Config
    {
        public Limits Limits { get; init; } = new();
    }

    private static (LambdaExpression Result, DiagnosticContext Context) Fold(LambdaExpression lambda)
    {
        var context = new DiagnosticContext(lambda, ProgramKind.Tc, LoweringOptions.Default);
        return (FoldCapturedConstants.Apply(lambda, context), context);
    }

    private static (LambdaExpression Result, DiagnosticContext Context) Normalize(LambdaExpression lambda)
    {
        var context = new DiagnosticContext(lambda, ProgramKind.Tc, LoweringOptions.Default);
        return (InlineInvocations.Apply(FoldCapturedConstants.Apply(lambda, context), context), context);
    }

    [Fact]
    public void A_captured_local_becomes_a_constant_that_remembers_its_name_and_place()
    {
        var limit = 1500u;
        Expression<Func<SkBuff, bool>> lambda = skb => skb.Len > limit;
        var (result, context) = Fold(lambda);
        var constant = ((BinaryExpression)result.Body).Right.ShouldBeOfType<ConstantExpression>();
        constant.Value.ShouldBe(1500u);
        var origin = context.Provenance.Find(constant).ShouldNotBeNull();
        origin.Path.ToString().ShouldBe("Body.Right");
        CSharpRenderer.Render(origin.Node).ShouldBe("limit");
    }

    [Fact]
    public void Member_chains_static_fields_arrays_and_verdicts_fold()
    {
        var config = new Config();
        Expression<Func<SkBuff, long>> lambda = skb => config.Limits.Max + s_threshold + config.Limits.Ports[1] + config.Limits.Ports.Length;
        var (result, _) = Fold(lambda);
        Constants(result.Body).ShouldBe(new object[] { 9000, 77, 80u, 2 });

        Expression<Func<SkBuff, Verdict>> verdict = skb => skb.Len > 5 ? Pass : Drop;
        var folded = (ConditionalExpression)Fold(verdict).Result.Body;
        folded.IfTrue.ShouldBeOfType<ConstantExpression>().Value.ShouldBe(Pass);
    }

    [Fact]
    public void Static_properties_are_not_read_at_compile_time()
    {
        Expression<Func<SkBuff, long>> lambda = skb => Environment.ProcessorCount;
        Fold(lambda).Result.Body.ShouldBeAssignableTo<UnaryExpression>()!.Operand.ShouldBeAssignableTo<MemberExpression>();
    }

    [Fact]
    public void An_invoked_lambda_is_inlined_with_its_arguments_substituted()
    {
        var x = E.Parameter(typeof(uint), "x");
        var skb = E.Parameter(typeof(SkBuff), "skb");
        var len = E.Property(skb, nameof(SkBuff.Len));
        var lambda = E.Lambda<Func<SkBuff, uint>>(E.Invoke(E.Lambda(E.Add(x, x), x), E.Constant(3u)), skb);
        CSharpRenderer.Render(Normalize(lambda).Result).ShouldBe("skb => 3 + 3");

        // An argument that is not a constant or an unassigned variable is evaluated once, first.
        var once = E.Lambda<Func<SkBuff, uint>>(E.Invoke(E.Lambda(E.Add(x, x), x), len), skb);
        CSharpRenderer.Render(Normalize(once).Result).ShouldBe("skb => { uint x; x = skb.Len; x + x; }");
    }

    [Fact]
    public void Captured_expressions_are_inlined_through_Compile_and_their_nodes_get_paths()
    {
        Expression<Func<SkBuff, bool>> isSmall = s => s.Len < 64;
        Expression<Func<SkBuff, Verdict>> lambda = skb => isSmall.Compile()(skb) ? Drop : Pass;
        var (result, context) = Normalize(lambda);
        var test = ((ConditionalExpression)result.Body).Test;
        CSharpRenderer.Render(test).ShouldBe("skb.Len < 64");
        var origin = context.Provenance.Find(test).ShouldNotBeNull();
        origin.Path.ToString().ShouldBe("Body.Test.Expression.Body");
        CSharpRenderer.Render(origin.Node).ShouldBe("s.Len < 64");
    }

    [Fact]
    public void Quoted_lambdas_and_delegate_Invoke_calls_are_inlined()
    {
        var s = E.Parameter(typeof(SkBuff), "s");
        var skb = E.Parameter(typeof(SkBuff), "skb");
        var inner = E.Lambda<Func<SkBuff, uint>>(E.Property(s, nameof(SkBuff.Mark)), s);
        var quoted = E.Lambda<Func<SkBuff, uint>>(E.Invoke(E.Quote(inner), skb), skb);
        CSharpRenderer.Render(Normalize(quoted).Result).ShouldBe("skb => skb.Mark");

        Expression<Func<SkBuff, uint>> invoke = skb2 => ((Func<uint, uint>)(v => v * 2)).Invoke(skb2.Len);
        CSharpRenderer.Render(Normalize(invoke).Result).ShouldBe("skb2 => { uint v; v = skb2.Len; v * 2; }");
    }

    [Fact]
    public void A_lambda_that_invokes_itself_stops_with_an_error()
    {
        Expression<Func<SkBuff, bool>> self = null!;
        self = skb => self.Compile()(skb);
        var e = Should.Throw<BpfCompileException>(() => Normalize(self));
        e.Code.ShouldBe(DiagnosticCode.UnsupportedExpression);
        e.Summary.ShouldBe("an invoked lambda invokes itself: eBPF programs cannot recurse; write it as a loop (Bpf.Fold)");
        e.ExpressionPath.ShouldBe("Body"); // the invocation in the user's tree, not a node of the inlined copy
    }

    private static List<object?> Constants(Expression e)
    {
        var found = new List<object?>();
        void Walk(Expression n)
        {
            if (n is ConstantExpression c)
            {
                found.Add(c.Value);
            }
            foreach (var (_, child) in ExpressionChildren.Of(n))
            {
                Walk(child);
            }
        }
        Walk(e);
        return found;
    }
}
