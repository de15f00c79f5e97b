using System.Runtime.InteropServices;
using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// The kernel's limits the compiler can see before a program loads (eight call frames, 512 bytes of
/// stack per frame and along a call chain, a million instructions of verifier budget): the largest
/// program within each loads, and the smallest past it is a compile error (BPF0030) that names what
/// passes the limit, never a verifier rejection reported as a BpfLinq bug.
/// </summary>
public sealed class KernelLimitTests
{
    private static readonly byte[] s_frame = new byte[64];

    private static readonly HashMap<Key96, ulong> s_wide = new(8, "wide_keys");

    /// <summary>A 96-byte map key.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Key96
    {
        public ulong A0, A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11;
    }

    /// <summary>A 264-byte map key or value.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct Key264
    {
        public ulong A0, A1;
        public fixed ulong Rest[31];
    }

    // h(depth - 1) reads 100 packet bytes into its frame, then calls h(depth - 2) ...: about 128 bytes a frame.
    private static BpfFunction<SkBuff, uint, uint> BufferChain(int depth)
    {
        BpfFunction<SkBuff, uint, uint> f = new((skb, x) => x + (uint)Bpf.Strncmp(skb.LoadBytes(0, 100), 4, "abcd"), FunctionInlining.Never, "h0");
        for (var k = 1; k < depth; k++)
        {
            var inner = f;
            var offset = k;
            f = new((skb, x) => inner.Invoke(skb, x + (uint)Bpf.Strncmp(skb.LoadBytes(offset, 100), 4, "abcd")), FunctionInlining.Never, $"h{k}");
        }
        return f;
    }

    // f(depth - 1) calls f(depth - 2) ... calls f0: `depth` subprograms below the program's own frame.
    private static BpfFunction<uint, uint> Chain(int depth)
    {
        BpfFunction<uint, uint> f = new(x => (x * 3) + 1, FunctionInlining.Never, "f0");
        for (var k = 1; k < depth; k++)
        {
            var inner = f;
            var add = (uint)k;
            f = new(x => inner.Invoke(x + add) ^ 5, FunctionInlining.Never, $"f{k}");
        }
        return f;
    }

    // Each level a subprogram whose bpf_loop callback calls the level below: two frames per level.
    private static BpfFunction<uint, uint> CallbackChain(int levels)
    {
        BpfFunction<uint, uint> f = new(x => Bpf.Fold(3, x, (i, a) => (a * 7) + (uint)i, LoopStrategy.Callback), FunctionInlining.Never, "g0");
        for (var k = 1; k < levels; k++)
        {
            var inner = f;
            f = new(x => Bpf.Fold(3, x, (i, a) => a + inner.Invoke(a + (uint)i), LoopStrategy.Callback), FunctionInlining.Never, $"g{k}");
        }
        return f;
    }

    [KernelFact]
    public void Eight_frames_of_subprograms_load_and_nine_are_a_compile_error_naming_the_chain()
    {
        var seven = Chain(7);
        var eight = Chain(8);
        var fits = Bpf.Program<SkBuff>(skb => seven.Invoke(skb.Len));
        using (var program = fits.Compile(ProgramKind.Tc).Load())
        {
            program.TestRun(TestRunOptions.For(s_frame, new SkBuff())).ReturnValue.ShouldBe((uint)fits.EvaluateTestRun(s_frame, new SkBuff(), ProgramKind.Tc));
        }

        var error = Should.Throw<BpfCompileException>(() => Bpf.Program<SkBuff>(skb => eight.Invoke(skb.Len)).Compile(ProgramKind.Tc));

        error.Code.ShouldBe(DiagnosticCode.KernelLimitExceeded);
        error.Summary.ShouldContain("the call chain filter (0 bytes) -> f7 (");
        error.Summary.ShouldContain("-> f0 (0 bytes) is 9 frames deep; the kernel allows 8");
        error.ExpressionText.ShouldBe("inner.Invoke(x + add)");
        error.ExpressionPath.ShouldNotBeNullOrEmpty();
    }

    [KernelFact]
    public void Loop_callbacks_are_frames_too()
    {
        var three = CallbackChain(3);
        var four = CallbackChain(4);
        using (Bpf.Program<SkBuff>(skb => three.Invoke(skb.Len)).Compile(ProgramKind.Tc).Load())
        {
        }

        var error = Should.Throw<BpfCompileException>(() => Bpf.Program<SkBuff>(skb => four.Invoke(skb.Len)).Compile(ProgramKind.Tc));

        error.Code.ShouldBe(DiagnosticCode.KernelLimitExceeded);
        error.Summary.ShouldContain("is 9 frames deep");
        error.Summary.ShouldContain("g3 (");
        error.ExpressionText.ShouldStartWith("Bpf.Fold(3, ");
    }

    [KernelFact]
    public void A_chain_of_frames_within_512_bytes_loads_and_one_past_it_is_a_compile_error_naming_the_frames()
    {
        // Each frame holds a 100-byte LoadBytes buffer: 104 bytes, 112 as the verifier counts it.
        var four = BufferChain(4);
        var five = BufferChain(5);
        var fits = Bpf.Program<SkBuff>(skb => four.Invoke(skb, skb.Len));
        using (var program = fits.Compile(ProgramKind.Tc).Load())
        {
            program.TestRun(TestRunOptions.For(s_frame, new SkBuff())).ReturnValue.ShouldBe((uint)fits.EvaluateTestRun(s_frame, new SkBuff(), ProgramKind.Tc));
        }

        var error = Should.Throw<BpfCompileException>(() => Bpf.Program<SkBuff>(skb => five.Invoke(skb, skb.Len)).Compile(ProgramKind.Tc));

        error.Code.ShouldBe(DiagnosticCode.KernelLimitExceeded);
        error.Summary.ShouldContain("the call chain filter (0 bytes) -> h4 (104 bytes) -> h3 (104 bytes) -> h2 (104 bytes) -> h1 (104 bytes) -> h0 (104 bytes) needs 560 bytes of stack; the kernel allows 512");
        error.ExpressionText.ShouldStartWith("inner.Invoke(skb, ");
    }

    [KernelFact]
    public void Three_256_byte_LoadBytes_buffers_share_their_bytes_load_and_agree_with_the_managed_model()
    {
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Strncmp(skb.LoadBytes(0, 256), 4, "abcd") + Bpf.Strncmp(skb.LoadBytes(10, 256), 4, "abcd") + Bpf.Strncmp(skb.LoadBytes(20, 256), 4, "abcd"));
        var frame = new byte[300];
        "abcd"u8.CopyTo(frame.AsSpan(10));

        var compiled = filter.Compile(ProgramKind.Tc);
        using var program = compiled.Load();

        compiled.StackSize.ShouldBeLessThanOrEqualTo(512);
        program.TestRun(TestRunOptions.For(frame, new SkBuff())).ReturnValue.ShouldBe((uint)filter.EvaluateTestRun(frame, new SkBuff(), ProgramKind.Tc));
    }

    [KernelFact]
    public void Six_different_96_byte_map_keys_share_their_bytes_load_and_agree_with_the_managed_model()
    {
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Then(
            s_wide.Update(new Key96 { A3 = skb.Len }, 40),
            (long)(s_wide.GetValueOrDefault(new Key96 { A0 = skb.Len }) + s_wide.GetValueOrDefault(new Key96 { A1 = skb.Len }) + s_wide.GetValueOrDefault(new Key96 { A2 = skb.Len })
                + s_wide.GetValueOrDefault(new Key96 { A3 = skb.Len }) + s_wide.GetValueOrDefault(new Key96 { A4 = skb.Len }) + s_wide.GetValueOrDefault(new Key96 { A5 = skb.Len }))));

        var compiled = filter.Compile(ProgramKind.Tc);
        using var program = compiled.Load();

        compiled.StackSize.ShouldBeLessThanOrEqualTo(512);
        program.TestRun(TestRunOptions.For(s_frame, new SkBuff())).ReturnValue.ShouldBe(40u);
        s_wide.ClearManaged();
        filter.EvaluateTestRun(s_frame, new SkBuff(), ProgramKind.Tc).ShouldBe(40);
    }

    [Fact]
    public void A_key_and_a_value_that_need_more_than_512_bytes_at_once_are_a_compile_error_naming_one_of_them()
    {
        var huge = new HashMap<Key264, Key264>(4, "huge");
        var filter = Bpf.Program<SkBuff>(skb => huge.Update(new Key264 { A0 = skb.Len }, new Key264 { A1 = skb.Len }));

        var error = Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.Tc));

        error.Code.ShouldBe(DiagnosticCode.KernelLimitExceeded);
        error.Summary.ShouldContain("filter needs 528 bytes of stack (528 bytes of buffers live at the same time");
        error.ExpressionText.ShouldStartWith("huge.Update(new Key264");
        error.ExpressionPath.ShouldBe("Body");
    }

    [Fact]
    public void An_inline_loop_the_verifier_would_walk_past_its_budget_is_a_compile_error()
    {
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Fold(10_000_000, 0L, (i, a) => a + i, LoopStrategy.Inline));

        var error = Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.Tc));

        error.Code.ShouldBe(DiagnosticCode.KernelLimitExceeded);
        error.Summary.ShouldContain("Bpf.Fold with LoopStrategy.Inline runs 10,000,000 iterations");
        error.Summary.ShouldContain("over its budget of 1,000,000");
        error.ExpressionPath.ShouldBe("Body");
    }

    [Fact]
    public void Nested_inline_loops_whose_iterations_multiply_past_the_budget_are_a_compile_error_at_the_loop_that_passes_it()
    {
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Fold(100, 0L, (i, a) => a + Bpf.Fold(100, 0L, (j, b) => b + Bpf.Fold(100, 0L, (k, c) => c + Bpf.Fold(100, 0L, (l, d) => d + l + skb.Len,
            LoopStrategy.Inline), LoopStrategy.Inline), LoopStrategy.Inline), LoopStrategy.Inline));

        var error = Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.Tc));

        error.Code.ShouldBe(DiagnosticCode.KernelLimitExceeded);
        error.Summary.ShouldContain("runs 100 iterations");
        error.ExpressionPath.ShouldBe("Body.Arguments[2].Body.Right");
    }

    [KernelFact]
    public void Nested_Auto_loops_past_the_budget_become_callbacks_that_load_and_compute_what_CSharp_computes()
    {
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Fold(100, 0L, (i, a) => a + Bpf.Fold(100, 0L, (j, b) => b + Bpf.Fold(100, 0L, (k, c) => c + Bpf.Fold(100, 0L, (l, d) => d + l + skb.Len)))));

        var compiled = filter.Compile(ProgramKind.Tc);
        using var program = compiled.Load();

        compiled.Functions.Count.ShouldBeGreaterThan(1); // the outer loops are bpf_loop callbacks
        var len = (long)s_frame.Length;
        var expected = 100L * 100 * 100 * ((99 * 100 / 2) + (100 * len));
        program.TestRun(TestRunOptions.For(s_frame, new SkBuff())).ReturnValue.ShouldBe((uint)expected);
    }
}
