using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using Quickstart;

namespace BpfLinq.Runtime.Tests.Seeds;

/// <summary>
/// The blog post's programs 2 and 3 (shared/seeds/004), rebuilt with the Insn builders and run on a
/// real sockmap: they must deliver and drop exactly what the post shows. (Program 1, the socket
/// filter turning "Hello" into "Hell", is in Links/SocketFilterTests.)
/// </summary>
public sealed class SeedProgramTests
{
    // What the post prints for each of its packets: foobar and ffoobarbaz are dropped.
    private static readonly (string Sent, string Received)[] s_blogOutcome =
    [
        ("foo", "foo"), ("bar", "bar"), ("foobar", ""), ("fooba", "fooba"),
        ("snafu", "snafu"), ("ffoobarbaz", ""), ("bazbarfoo", "bazbarfoo"),
    ];

    [KernelFact]
    public void The_strncmp_filter_drops_exactly_the_packets_containing_foobar()
    {
        using var needle = RawFoobarFilter.CreateStringMap("foobar");

        var outcome = RawFoobarFilter.Run(RawFoobarFilter.LoadOptions(needle.Fd), FoobarFilter.BlogPackets);

        outcome.ShouldBe(s_blogOutcome);
    }

    [KernelFact]
    public void The_bpf_loop_and_bpf_strcmp_filter_behaves_the_same()
    {
        using var needle = RawFoobarFilter.CreateStringMap("foobar");
        var (btfBytes, funcInfo) = LoopKfuncFoobarFilter.Btf(callbackOffset: LoopKfuncFoobarFilter.MainProgram().Length);
        using var btf = BtfObject.Load(btfBytes);
        var strcmp = StrcmpBtfId();

        var outcome = RawFoobarFilter.Run(LoopKfuncFoobarFilter.LoadOptions(btf, funcInfo, needle.Fd, strcmp), FoobarFilter.BlogPackets);

        outcome.ShouldBe(s_blogOutcome);
    }

    // The same filter written as C# lambdas (the quickstart's), on a real sockmap: sk_skb programs
    // have no BPF_PROG_TEST_RUN.
    [KernelFact]
    public void The_lambda_with_a_loop_over_load_bytes_and_strncmp_behaves_as_the_post_shows() =>
        FoobarFilter.Run(FoobarFilter.StrncmpLoop, FoobarFilter.BlogPackets).ShouldBe(s_blogOutcome);

    [KernelFact]
    public void The_lambda_with_bpf_loop_and_the_bpf_strcmp_kfunc_behaves_as_the_post_shows() =>
        FoobarFilter.Run(FoobarFilter.BpfLoopStrcmp, FoobarFilter.BlogPackets).ShouldBe(s_blogOutcome);

    // The same lambdas as tc programs, where BPF_PROG_TEST_RUN is the better instrument: "foobar" at
    // every offset of a frame's payload, and frames without it, kernel against managed model.
    [KernelFact]
    public void The_lambdas_as_tc_programs_agree_with_the_managed_model_on_test_runs()
    {
        foreach (var filter in new[] { FoobarFilter.StrncmpLoop, FoobarFilter.BpfLoopStrcmp })
        {
            using var program = filter.Compile(ProgramKind.Tc).Load();
            var verdicts = new List<uint>();
            foreach (var frame in FoobarFrames())
            {
                var kernel = program.TestRun(new BpfLinq.Runtime.TestRunOptions { DataIn = frame }).ReturnValue;
                kernel.ShouldBe((uint)filter.EvaluateTestRun(frame, kind: ProgramKind.Tc), Convert.ToHexString(frame));
                verdicts.Add(kernel);
            }
            verdicts.ShouldContain(2u); // TC_ACT_SHOT: some frames held foobar
            verdicts.ShouldContain(0u);
        }
    }

    private static IEnumerable<byte[]> FoobarFrames()
    {
        foreach (var at in new[] { 34, 40, 54, 70, 94 })
        {
            var frame = new byte[100];
            frame[12] = 0x08;
            frame[14] = 0x45;
            System.Text.Encoding.ASCII.GetBytes("foobar").CopyTo(frame, at);
            yield return frame;
        }
        var plain = new byte[100];
        plain[12] = 0x08;
        System.Text.Encoding.ASCII.GetBytes("fooba foobaz").CopyTo(plain, 50);
        yield return plain;
    }

    [Fact]
    public void The_lambdas_agree_with_their_managed_model_on_the_posts_packets()
    {
        foreach (var filter in new[] { FoobarFilter.StrncmpLoop, FoobarFilter.BpfLoopStrcmp })
        {
            var verdicts = FoobarFilter.BlogPackets.Select(p => filter.Evaluate(Payload(p), ProgramKind.SkSkb) == 1 ? p : "");
            verdicts.Zip(FoobarFilter.BlogPackets).ShouldBe(s_blogOutcome.Select(o => (o.Received, o.Sent)));
        }
    }

    [Fact]
    public void The_bpf_loop_version_is_two_functions_with_btf_func_info_and_a_kfunc_by_name()
    {
        var program = FoobarFilter.BpfLoopStrcmp.Compile(ProgramKind.SkSkb);

        program.Functions.Count.ShouldBe(2);
        program.FuncInfo.Select(f => (int)f.InsnOffset).ShouldBe(program.Functions.Select(f => f.Start));
        program.Kfuncs.Select(k => k.Name).ShouldBe(["bpf_strcmp"]);
        program.Kfuncs[0].CallSlots.ShouldAllBe(slot => program.Instructions[slot].IsKfuncCall);
        program.Maps.ShouldHaveSingleItem().ShouldBeOfType<BpfLinq.Maps.ConstantMap>();
    }

    // What an sk_skb program sees of a datagram: its payload, skb->len bytes.
    private static SkBuff Payload(string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        return new SkBuff { Len = (uint)bytes.Length, Packet = new Packet(bytes, PacketStart.Payload) };
    }

    [KernelFact]
    public void Without_func_info_the_verifier_refuses_the_callback_as_the_post_shows()
    {
        using var needle = RawFoobarFilter.CreateStringMap("foobar");
        var options = LoopKfuncFoobarFilter.LoadOptions(btf: null, funcInfo: [], needle.Fd, StrcmpBtfId());

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(options));

        error.Summary.ShouldBe("missing btf func_info");
    }

    [Fact]
    public void The_callback_starts_where_the_ld_imm64_of_the_main_program_points()
    {
        var main = LoopKfuncFoobarFilter.MainProgram();
        var ldFunc = Array.FindIndex(main, i => i.IsFunctionReference);
        (ldFunc + 1 + main[ldFunc].Imm).ShouldBe(main.Length);
    }

    private static int StrcmpBtfId() => KernelBtf.Running.Kfuncs.Resolve("bpf_strcmp").BtfId;
}
