using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime.Programs;
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
        using var needle = FoobarFilter.CreateStringMap("foobar");

        var outcome = FoobarFilter.Run(FoobarFilter.LoadOptions(needle.Fd), FoobarFilter.BlogPackets);

        outcome.ShouldBe(s_blogOutcome);
    }

    [KernelFact]
    public void The_bpf_loop_and_bpf_strcmp_filter_behaves_the_same()
    {
        using var needle = FoobarFilter.CreateStringMap("foobar");
        var (btfBytes, funcInfo) = LoopKfuncFoobarFilter.Btf(callbackOffset: LoopKfuncFoobarFilter.MainProgram().Length);
        using var btf = BtfObject.Load(btfBytes);
        var strcmp = StrcmpBtfId();

        var outcome = FoobarFilter.Run(LoopKfuncFoobarFilter.LoadOptions(btf, funcInfo, needle.Fd, strcmp), FoobarFilter.BlogPackets);

        outcome.ShouldBe(s_blogOutcome);
    }

    [KernelFact]
    public void Without_func_info_the_verifier_refuses_the_callback_as_the_post_shows()
    {
        using var needle = FoobarFilter.CreateStringMap("foobar");
        var options = LoopKfuncFoobarFilter.LoadOptions(btf: null, funcInfo: [], needle.Fd, StrcmpBtfId());

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(options));

        error.Summary.ShouldBe("missing btf func_info");
    }

    [Fact]
    public void The_callback_starts_where_the_ld_imm64_of_the_main_program_points()
    {
        var main = LoopKfuncFoobarFilter.MainProgram();
        var ldFunc = Array.FindIndex(main, i => i.IsWide && i.Src == (Compiler.Isa.Reg)Compiler.Isa.PseudoSource.Func);
        (ldFunc + 1 + main[ldFunc].Imm).ShouldBe(main.Length);
    }

    private static int StrcmpBtfId() => KernelBtf.Running.Kfuncs.Resolve("bpf_strcmp").BtfId;
}
