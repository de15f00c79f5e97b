using System.Linq.Expressions;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Diagnostics;

/// <summary>
/// Errors that used to mislead: a deep but finite chain of inlined functions called recursion, a
/// recursion error without a place, a constant <c>int?</c> read as a failed captured value.
/// </summary>
public sealed class HonestErrorTests
{
    [Fact]
    public void A_chain_of_33_inlined_functions_is_too_deep_not_recursive()
    {
        var chain = new BpfFunction<uint, uint>(x => x + 1, FunctionInlining.Always, "f0");
        for (var i = 1; i < 33; i++)
        {
            var next = chain;
            chain = new BpfFunction<uint, uint>(x => next.Invoke(x) + 1, FunctionInlining.Always, $"f{i}");
        }
        var program = Bpf.Program<SkBuff>(skb => chain.Invoke(skb.Len));

        var e = Should.Throw<BpfCompileException>(() => program.Compile(ProgramKind.Tc));
        e.Code.ShouldBe(DiagnosticCode.UnsupportedExpression);
        e.Summary.ShouldBe("inlined BpfFunction calls nest more than 32 deep; write fewer levels (a BpfFunction with FunctionInlining.Never is a subprogram, not inlined)");
        e.Summary.ShouldNotContain("recurs");
        e.ExpressionPath.ShouldBe("Body.Operand"); // (long)chain.Invoke(skb.Len): the call in the user's tree
    }

    [Fact]
    public void An_inlined_function_that_calls_itself_is_recursion_at_the_call_in_the_users_tree()
    {
        BpfFunction<uint, uint>? self = null;
        self = new BpfFunction<uint, uint>(x => x == 0 ? 0 : self!.Invoke(x - 1), FunctionInlining.Always, "self");
        var program = Bpf.Program<SkBuff>(skb => 1 + self.Invoke(skb.Len));

        var e = Should.Throw<BpfCompileException>(() => program.Compile(ProgramKind.Tc));
        e.Summary.ShouldBe("'self' calls itself: eBPF programs cannot recurse; write it as a loop (Bpf.Fold)");
        e.ExpressionPath.ShouldBe("Body.Operand.Right");
    }

    [Fact]
    public void Inlined_functions_calling_each_other_name_the_cycle()
    {
        BpfFunction<uint, uint>? ping = null;
        var pong = new BpfFunction<uint, uint>(x => ping!.Invoke(x + 1), FunctionInlining.Always, "pong");
        ping = new BpfFunction<uint, uint>(x => pong.Invoke(x * 2), FunctionInlining.Always, "ping");
        var program = Bpf.Program<SkBuff>(skb => ping.Invoke(skb.Len));

        var e = Should.Throw<BpfCompileException>(() => program.Compile(ProgramKind.Tc));
        e.Summary.ShouldBe("'ping' calls itself through 'pong': eBPF programs cannot recurse; write it as a loop (Bpf.Fold)");
        e.ExpressionPath.ShouldBe("Body.Operand");
    }

    [Fact]
    public void A_constant_nullable_folds_HasValue_Value_and_GetValueOrDefault()
    {
        int? five = 5;
        var cases = new (Expression<Func<SkBuff, long>> Lambda, long Expected)[]
        {
            (skb => default(int?).HasValue ? 1 : 2, 2),
            (skb => five.HasValue ? five.Value : 0, 5),
            (skb => default(int?).GetValueOrDefault() + 3, 3),
            (skb => default(int?).GetValueOrDefault(7) + 3, 10),
            (skb => five.GetValueOrDefault(7), 5),
        };
        foreach (var (lambda, expected) in cases)
        {
            var program = Bpf.Program(lambda);
            program.Compile(ProgramKind.Tc).ShouldNotBeNull();
            program.Evaluate(new SkBuff(), ProgramKind.Tc).ShouldBe(expected);
        }
    }
}
