using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Frontend.Semantics;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Frontend.Kernel;

/// <summary>
/// The front end's semantic cases against the kernel: each lambda goes through the whole compiler
/// (lowering, the pass pipeline with the IR verified after each pass, code generation with the
/// allocation checked), is loaded as a tc program (the verifier must accept it, loops included) and
/// run with BPF_PROG_TEST_RUN on contexts whose fields the test run passes through (<c>mark</c>,
/// <c>priority</c>, <c>cb</c>); the low 32 bits the kernel returns must be the CLR's. This checks that
/// the lowering's meaning is the kernel's for every operator, conversion and control-flow family, and
/// that constant- and data-bounded loops compile to programs the verifier follows.
/// </summary>
public sealed class KernelLoweringTests
{
    private static readonly HashSet<string> s_passedThrough = [nameof(SkBuff.Cb), nameof(SkBuff.Mark), nameof(SkBuff.Priority)];
    private static readonly byte[] s_frame = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];
    private static readonly Dictionary<string, SemanticCase> s_cases = Build();

    public static TheoryData<string> Cases => new(s_cases.Keys.Order());

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void The_kernel_computes_what_the_CLR_computes(string name)
    {
        var c = s_cases[name];
        using var program = KernelHarness.Load(c.Kind, BpfLinqCompiler.Compile(c.Lambda, c.Kind));
        var contexts = KernelContexts.Sample(8, seed: name.Length);
        foreach (var skb in contexts)
        {
            var run = program.TestRun(new TestRunOptions { DataIn = s_frame, CtxIn = ContextLayout.ToBytes(skb) });
            run.ReturnValue.ShouldBe(unchecked((uint)c.Clr(skb)), $"mark={skb.Mark:x} priority={skb.Priority:x} cb=[{string.Join(",", skb.Cb.Select(v => v.ToString("x")))}]");
        }
    }

    [Fact]
    public void The_loops_are_among_the_cases()
    {
        s_cases.Keys.ShouldContain("constant-bounded loop");
        s_cases.Keys.ShouldContain("data-bounded loop with continue and a valued break");
        s_cases.Count.ShouldBeGreaterThan(300);
    }

    // The semantic cases that read only fields a test run passes through, on tc.
    private static Dictionary<string, SemanticCase> Build()
    {
        var list = new SemanticCaseList();
        OperatorCases.AddTo(list);
        ControlCases.AddTo(list);
        return list
            .Where(c => c.Kind == ProgramKind.Tc && FieldsRead(c.Lambda).All(s_passedThrough.Contains))
            .ToDictionary(c => c.Name);
    }

    private static IEnumerable<string> FieldsRead(LambdaExpression lambda)
    {
        var names = new List<string>();
        void Walk(Expression e)
        {
            if (e is MemberExpression { Expression: ParameterExpression } m)
            {
                names.Add(m.Member.Name);
            }
            foreach (var (_, child) in ExpressionChildren.Of(e))
            {
                Walk(child);
            }
        }
        Walk(lambda.Body);
        return names;
    }
}

/// <summary>Contexts with only the fields BPF_PROG_TEST_RUN takes from ctx_in set (the rest must be zero).</summary>
internal static class KernelContexts
{
    private static readonly uint[] s_edges = [0, 1, 2, 3, 5, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

    public static List<SkBuff> Sample(int count, int seed)
    {
        var random = new Random(seed); // deterministic: a failure reproduces
        uint Field() => random.Next(3) == 0 ? (uint)random.NextInt64(0, 1L << 32) : s_edges[random.Next(s_edges.Length)];
        return [.. Enumerable.Range(0, count).Select(_ => new SkBuff { Mark = Field(), Priority = Field(), Cb = [Field(), Field(), Field(), Field(), Field()] })];
    }
}
