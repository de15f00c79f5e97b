namespace BpfLinq.Compiler.Tests.Dsl;

/// <summary>
/// <c>Evaluate</c> of a helper called by id or a kfunc: without a managed twin it says where to give
/// one; with twins in <see cref="EvaluateOptions"/> it calls them with the call's arguments.
/// </summary>
public sealed class EvaluateTwinTests
{
    private static readonly BpfFilter<SkBuff> s_helper = Bpf.Program<SkBuff>(skb => Bpf.CallHelper(7, skb.Len, 3) + 1);
    private static readonly BpfFilter<SkBuff> s_kfunc = Bpf.Program<SkBuff>(skb => Bpf.CallKfunc("bpf_twice", skb.Mark) * 10);

    [Fact]
    public void Without_a_twin_the_error_says_where_to_give_one()
    {
        Should.Throw<NotSupportedException>(() => s_helper.Evaluate(new SkBuff { Len = 5 }))
            .Message.ShouldBe("helper 7 runs only in the kernel: give Evaluate a managed twin for it in EvaluateOptions.Helpers");
        Should.Throw<NotSupportedException>(() => s_kfunc.Evaluate(new SkBuff()))
            .Message.ShouldBe("kfunc bpf_twice runs only in the kernel: give Evaluate a managed twin for it in EvaluateOptions.Kfuncs");
    }

    [Fact]
    public void A_helper_twin_gets_the_arguments_and_gives_the_result()
    {
        var seen = new List<long[]>();
        var options = new EvaluateOptions { Kind = ProgramKind.Tc, Helpers = { [7] = args => { seen.Add(args); return args[0] * args[1]; } } };

        s_helper.Evaluate(new SkBuff { Len = 5 }, options).ShouldBe(16);

        seen.ShouldHaveSingleItem().ShouldBe([5L, 3L]);
    }

    [Fact]
    public void A_kfunc_twin_is_found_by_name()
    {
        var options = new EvaluateOptions { Kfuncs = { ["bpf_twice"] = args => 2 * args[0] } };

        s_kfunc.Evaluate(new SkBuff { Mark = 21 }, options).ShouldBe(420);
        Should.Throw<NotSupportedException>(() => s_helper.Evaluate(new SkBuff(), options)); // twins are per name and id
    }

    [Fact]
    public void The_test_run_form_takes_the_same_options_and_the_twins_last_only_for_the_call()
    {
        var options = new EvaluateOptions { Kind = ProgramKind.Tc, Helpers = { [7] = args => args[0] } };
        var frame = new byte[60];

        s_helper.EvaluateTestRun(frame, null, options).ShouldBe(61);
        Should.Throw<NotSupportedException>(() => s_helper.Evaluate(new SkBuff(), ProgramKind.Tc));
    }
}
