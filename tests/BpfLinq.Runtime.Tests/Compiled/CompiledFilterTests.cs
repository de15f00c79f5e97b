using System.Linq.Expressions;
using System.Net.Sockets;
using System.Text;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Compiled lambdas in the kernel, through the public API only: the design card's example attached
/// to a real socket, <c>Keep(n)</c> truncating, every kind loading with its own verdict values, and a
/// hand-built loop the verifier cannot bound reported as the user's error, not as a compiler bug.
/// </summary>
public sealed class CompiledFilterTests
{
    // The design card's filter, `skb.Len < 6 ? Pass : Drop`, attached with BpfProgram.AttachTo.
    [KernelFact]
    public void The_quickstarts_length_filter_delivers_exactly_the_short_messages()
    {
        var results = Quickstart.LengthFilter.Run(["hi", "hello", "a long datagram", "bye", "sixsix"]).ToList();

        results.Where(r => r.Delivered).Select(r => r.Sent).ShouldBe(["hi", "hello", "bye"]);
    }

    // The quickstart's LINQ header filter (DNS over IPv4, VLAN tags skipped) as XDP in BPF_PROG_TEST_RUN.
    [KernelFact]
    public void The_quickstarts_header_filter_passes_dns_queries_tagged_or_not_and_agrees_with_the_managed_model()
    {
        var results = Quickstart.HeaderFilter.Run().ToList();

        results.ShouldAllBe(r => r.Kernel == r.Managed);
        results.Select(r => r.Kernel).ShouldBe([Pass, Pass, Drop, Drop]);
    }

    [KernelFact]
    public void Keep_truncates_what_a_socket_filter_delivers()
    {
        var filter = Bpf.Filter<SkBuff>(skb => skb.Len > 4 ? Keep(4) : Pass);
        using var program = filter.Load();
        var (receiver, sender) = SocketPair.Create(SocketType.Dgram);
        using (receiver)
        using (sender)
        using (program.AttachTo(receiver))
        {
            sender.Send(Encoding.ASCII.GetBytes("Hello"));
            sender.Send(Encoding.ASCII.GetBytes("Hi"));

            Receive(receiver).ShouldBe("Hell");
            Receive(receiver).ShouldBe("Hi");
        }
    }

    public static TheoryData<ProgramKind, uint, uint> PassAndDrop => new()
    {
        { ProgramKind.SocketFilter, 0xFFFF_FFFF, 0 },
        { ProgramKind.Tc, 0, 2 },
        { ProgramKind.Xdp, 2, 1 },
        { ProgramKind.CgroupSkb, 1, 0 },
    };

    [KernelTheory]
    [MemberData(nameof(PassAndDrop))]
    public void Each_kind_returns_its_own_pass_and_drop_values(ProgramKind kind, uint pass, uint drop)
    {
        var frame = new byte[64];
        if (kind == ProgramKind.Xdp)
        {
            // A test run without ctx_in delivers on receive queue 0.
            using var passing = Bpf.Filter<XdpMd>(ctx => ctx.RxQueueIndex == 0 ? Pass : Drop).Load(kind);
            using var dropping = Bpf.Filter<XdpMd>(ctx => ctx.RxQueueIndex != 0 ? Pass : Drop).Load(kind);
            passing.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe(pass);
            dropping.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe(drop);
            return;
        }
        using var program = Bpf.Filter<SkBuff>(skb => skb.Len > 40 ? Pass : Drop).Load(kind);
        program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe(pass);
        program.TestRun(new TestRunOptions { DataIn = frame.AsMemory(0, 20) }).ReturnValue.ShouldBe(drop);
    }

    [KernelFact]
    public void A_loop_the_verifier_cannot_bound_is_the_users_error_and_names_the_lambda()
    {
        // for (i = 0; i < skb.Mark; i++) n += 3: nothing bounds Mark, so the verifier walks until its budget runs out.
        var filter = LoopUpTo(nameof(SkBuff.Mark), n => Expression.AddAssign(n, Expression.Constant(3L)));

        var error = Should.Throw<BpfVerifierException>(() => filter.Load(ProgramKind.Tc));

        error.Message.ShouldContain("could not follow every iteration of a loop");
        error.Message.ShouldContain("compiled from `i < skb.Mark`");
        error.Log.ShouldNotBeEmpty();
    }

    [KernelFact]
    public void A_loop_whose_body_branches_on_unknown_values_and_the_verifier_cannot_bound_is_the_users_error()
    {
        // for (i = 0; i < skb.Len; i++) n = (random & 1) == 0 ? n + now : n ^ 17: every iteration leaves the
        // verifier a branch to come back to, and it gives up on "the sequence of 8193 jumps", not on its budget.
        var coin = Expression.Equal(Expression.And(Expression.Call(typeof(Bpf).GetMethod(nameof(Bpf.GetPrandomU32))!), Expression.Constant(1u)), Expression.Constant(0u));
        var now = Expression.Convert(Expression.Call(typeof(Bpf).GetMethod(nameof(Bpf.KtimeGetNs))!), typeof(long));
        var filter = LoopUpTo(nameof(SkBuff.Len), n => Expression.IfThenElse(coin, Expression.AddAssign(n, now), Expression.ExclusiveOrAssign(n, Expression.Constant(17L))));

        var error = Should.Throw<BpfVerifierException>(() => filter.Load(ProgramKind.Tc));

        error.Message.ShouldContain("could not follow every iteration of a loop");
        error.Message.ShouldContain("compiled from `i < skb.Len`");
        error.Summary.ShouldContain("jumps is too complex");
    }

    // skb => { uint i = 0; long n = 0; while (i < skb.<field>) { step(n); i++; } n } as a hand-built loop.
    private static BpfFilter<SkBuff> LoopUpTo(string field, Func<ParameterExpression, Expression> step)
    {
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var i = Expression.Variable(typeof(uint), "i");
        var n = Expression.Variable(typeof(long), "n");
        var end = Expression.Label("end");
        var body = Expression.Block(
            [i, n],
            Expression.Assign(i, Expression.Constant(0u)),
            Expression.Assign(n, Expression.Constant(0L)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(i, Expression.Property(skb, field)),
                    Expression.Block(step(n), Expression.PreIncrementAssign(i)),
                    Expression.Break(end)),
                end),
            n);
        return Bpf.Program(Expression.Lambda<Func<SkBuff, long>>(body, skb));
    }

    [KernelFact]
    public void EvaluateTestRun_returns_what_the_kernels_test_run_returns()
    {
        var random = new Random(3);
        var filters = new[]
        {
            Bpf.Program<SkBuff>(skb => skb.Len * 7 + skb.Mark),
            Bpf.Program<SkBuff>(skb => skb.Protocol == 8 ? skb.Cb[2] ^ skb.Priority : (long)skb.PktType - 1),
            Bpf.Program<SkBuff>(skb => (skb.Ifindex << 8) | skb.IngressIfindex),
        };
        // cgroup_skb programs may return only 0 or 1: they get the same values masked.
        foreach (var kind in new[] { ProgramKind.SocketFilter, ProgramKind.Tc, ProgramKind.CgroupSkb })
        {
            foreach (var filter in kind == ProgramKind.CgroupSkb ? filters.Select(Masked) : filters)
            {
                using var program = filter.Load(kind);
                for (var i = 0; i < 20; i++)
                {
                    var frame = new byte[random.Next(34, 200)];
                    random.NextBytes(frame);
                    frame[12] = 0x08;
                    frame[13] = (byte)(i % 2 == 0 ? 0x00 : 0x06); // IPv4 or ARP
                    var ctxIn = new SkBuff { Mark = (uint)random.Next(), Priority = (uint)random.Next(), Cb = [1, 2, (uint)random.Next(), 4, 5], IngressIfindex = (uint)i };

                    var kernel = program.TestRun(TestRunOptions.For(frame, ctxIn)).ReturnValue;

                    kernel.ShouldBe((uint)filter.EvaluateTestRun(frame, ctxIn, kind), $"{kind}: {filter}");
                }
            }
        }
        var xdp = Bpf.Program<XdpMd>(ctx => ctx.IngressIfindex * 3 + ctx.RxQueueIndex);
        using var xdpProgram = xdp.Load();
        var xdpFrame = new byte[60];
        xdpProgram.TestRun(TestRunOptions.For(xdpFrame, new XdpMd())).ReturnValue.ShouldBe((uint)xdp.EvaluateTestRun(xdpFrame));
    }

    [KernelFact]
    public void A_loop_used_twice_in_a_tree_runs_twice_each_with_its_own_labels()
    {
        // var n = { i = 0; while (i < 3) i++; i + mark }; n != 0 ? n : 7, with the same node object twice.
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var i = Expression.Variable(typeof(uint), "i");
        var end = Expression.Label("end");
        var shared = Expression.Block(
            [i],
            Expression.Assign(i, Expression.Constant(0u)),
            Expression.Loop(
                Expression.IfThenElse(Expression.LessThan(i, Expression.Constant(3u)), Expression.PreIncrementAssign(i), Expression.Break(end)),
                end),
            Expression.Add(i, Expression.Property(skb, nameof(SkBuff.Mark))));
        var body = Expression.Convert(Expression.Condition(Expression.NotEqual(shared, Expression.Constant(0u)), shared, Expression.Constant(7u)), typeof(long));
        var filter = Bpf.Program(Expression.Lambda<Func<SkBuff, long>>(body, skb));
        using var program = filter.Load(ProgramKind.Tc);
        var frame = new byte[64];

        foreach (var mark in new uint[] { 0, 5, 0xFFFF_FFFD })
        {
            var ctxIn = new SkBuff { Mark = mark };
            program.TestRun(TestRunOptions.For(frame, ctxIn)).ReturnValue.ShouldBe((uint)filter.EvaluateTestRun(frame, ctxIn, ProgramKind.Tc));
        }
    }

    [KernelFact]
    public void An_unsigned_comparison_with_a_statement_operand_agrees_with_CSharp_where_the_CLRs_compiler_does_not()
    {
        // ~0U < switch ({ i = 0; cont: if (i < 5) { ++i; goto cont; } 0U } / 1U) { case 0xFFFFFFFF: 0; default: 0x514FED5B } ? Drop : Pass.
        // Unsigned, so the comparison is false and C# says Pass; Expression.Compile() says Drop (found by
        // a 100,000-program differential run), so Evaluate interprets trees that hold statements.
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var i = Expression.Variable(typeof(int), "i");
        var cont = Expression.Label("cont");
        var loop = Expression.Block(
            [i],
            Expression.Assign(i, Expression.Constant(0)),
            Expression.Label(cont),
            Expression.IfThen(Expression.LessThan(i, Expression.Constant(5)), Expression.Block(Expression.PreIncrementAssign(i), Expression.Goto(cont))),
            Expression.Constant(0u));
        var choice = Expression.Switch(
            Expression.Divide(loop, Expression.Constant(1u)),
            Expression.Constant(0x514FED5Bu),
            Expression.SwitchCase(Expression.Constant(0u), Expression.Constant(0xFFFFFFFFu)));
        var test = Expression.LessThan(Expression.Not(Expression.Constant(0u)), choice);
        var lambda = Expression.Lambda<Func<SkBuff, Verdict>>(Expression.Condition(test, Expression.Constant(Drop), Expression.Constant(Pass)), skb);
        var filter = Bpf.Filter(lambda);
        using var program = filter.Load(ProgramKind.SocketFilter);
        var frame = new byte[64];

        filter.Evaluate(new SkBuff()).ShouldBe(Pass.ToReturnValue(ProgramKind.SocketFilter));
        program.TestRun(TestRunOptions.For(frame, new SkBuff())).ReturnValue.ShouldBe((uint)filter.EvaluateTestRun(frame, new SkBuff(), ProgramKind.SocketFilter));
    }

    [KernelFact]
    public void A_shared_loop_whose_captured_value_is_folded_keeps_one_label_per_copy()
    {
        // e != 0 ? e : 0 with e = { i = 0; cont: if (i < 5) { captured; ++i; goto cont; } 1 }: folding
        // the captured value rewrites the shared block into two blocks with one label, and the second
        // loop jumped into the first (a 2,000-program differential run found it; the kernel refused
        // the result as an infinite loop).
        var holder = new LabelHolder { Value = 0x5A1D5881 };
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var i = Expression.Variable(typeof(int), "i");
        var cont = Expression.Label("cont");
        var shared = Expression.Block(
            [i],
            Expression.Assign(i, Expression.Constant(0)),
            Expression.Label(cont),
            Expression.IfThen(
                Expression.LessThan(i, Expression.Constant(5)),
                Expression.Block(Expression.Field(Expression.Constant(holder), nameof(LabelHolder.Value)), Expression.PreIncrementAssign(i), Expression.Goto(cont))),
            Expression.Constant(1));
        var value = Expression.Condition(Expression.NotEqual(shared, Expression.Constant(0)), shared, Expression.Constant(0));
        var lambda = Expression.Lambda<Func<SkBuff, Verdict>>(
            Expression.Condition(Expression.Equal(value, Expression.Constant(1)), Expression.Constant(Pass), Expression.Constant(Drop)), skb);
        var filter = Bpf.Filter(lambda);
        using var program = filter.Load(ProgramKind.Tc);
        var frame = new byte[64];

        filter.EvaluateTestRun(frame, new SkBuff(), ProgramKind.Tc).ShouldBe(Pass.ToReturnValue(ProgramKind.Tc));
        program.TestRun(TestRunOptions.For(frame, new SkBuff())).ReturnValue.ShouldBe((uint)Pass.ToReturnValue(ProgramKind.Tc));
    }

    private sealed class LabelHolder
    {
#pragma warning disable CA1051 // a captured field, as a closure holds it
        public int Value;
#pragma warning restore CA1051
    }

    [KernelFact]
    public void A_raw_cgroup_skb_value_the_verifier_cannot_bound_is_the_users_error()
    {
        var filter = Bpf.Program<SkBuff>(skb => skb.Len * 7 + skb.Mark);

        var error = Should.Throw<BpfVerifierException>(() => filter.Load(ProgramKind.CgroupSkb));

        error.Message.ShouldContain("a CgroupSkb program may only return some values");
        error.Summary.ShouldContain("should have been in [0, 1]");
    }

    [Fact]
    public void EvaluateTestRun_refuses_input_the_kernel_refuses()
    {
        var filter = Bpf.Filter<SkBuff>(skb => skb.Len > 40 ? Pass : Drop);

        Should.Throw<ArgumentException>(() => filter.EvaluateTestRun(new byte[10])).Message.ShouldContain("at least an Ethernet header");
        Should.Throw<ArgumentException>(() => filter.EvaluateTestRun(new byte[64], new SkBuff { Hash = 1 })).Message.ShouldContain("ctx_in may not set hash");
    }

    private static BpfFilter<SkBuff> Masked(BpfFilter<SkBuff> filter)
    {
        var lambda = (Expression<Func<SkBuff, long>>)filter.Lambda;
        return Bpf.Program(Expression.Lambda<Func<SkBuff, long>>(Expression.And(lambda.Body, Expression.Constant(1L)), lambda.Parameters), source: filter.SourceText + " & 1");
    }

    private static string Receive(Socket receiver)
    {
        var buffer = new byte[64];
        receiver.ReceiveTimeout = 2000;
        return Encoding.ASCII.GetString(buffer, 0, receiver.Receive(buffer));
    }
}
