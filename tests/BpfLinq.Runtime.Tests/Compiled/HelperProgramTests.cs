using BpfLinq.Runtime.Btf;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>Helper intrinsics and escape hatches in the kernel: values only the kernel knows, and load-time errors.</summary>
public sealed class HelperProgramTests
{
    private static readonly byte[] s_frame = Frame();

    [KernelFact]
    public void The_clock_helper_by_id_and_by_intrinsic_read_the_monotonic_clock_the_managed_model_reads()
    {
        var before = Bpf.KtimeGetNs();
        using var intrinsic = Bpf.Program<SkBuff>(skb => (long)Bpf.KtimeGetNs()).Compile(ProgramKind.Tc).Load();
        using var byId = Bpf.Program<SkBuff>(skb => Bpf.CallHelper(5)).Compile(ProgramKind.Tc).Load();

        // A test run returns the low 32 bits of r0: compare the clocks by their low halves' progress.
        var a = intrinsic.TestRun(new TestRunOptions { DataIn = s_frame }).ReturnValue;
        var b = byId.TestRun(new TestRunOptions { DataIn = s_frame }).ReturnValue;
        var after = Bpf.KtimeGetNs();

        ((uint)(a - (uint)before)).ShouldBeLessThanOrEqualTo((uint)(after - before));
        ((uint)(b - a)).ShouldBeLessThanOrEqualTo((uint)(after - before));
    }

    [KernelFact]
    public void A_helper_called_by_id_with_arguments_it_does_not_take_is_the_users_error_naming_the_call()
    {
        // bpf_map_lookup_elem (1) wants a map and a key pointer: the escape hatch passes two scalars.
        var filter = Bpf.Program<SkBuff>(skb => Bpf.CallHelper(1, 0, 0));

        var error = Should.Throw<BpfVerifierException>(() => filter.Load(ProgramKind.Tc));

        error.Message.ShouldContain("rejected the helper call `Bpf.CallHelper(1, ");
        error.Message.ShouldContain("The arguments of a helper called by id are the caller's to get right");
        error.Summary.ShouldContain("expected=map_ptr");
    }

    [KernelFact]
    public void The_processor_id_is_a_possible_cpu()
    {
        using var program = Bpf.Program<SkBuff>(skb => Bpf.GetSmpProcessorId()).Compile(ProgramKind.Tc).Load();

        program.TestRun(new TestRunOptions { DataIn = s_frame }).ReturnValue.ShouldBeLessThan((uint)Environment.ProcessorCount * 4);
    }

    [KernelFact]
    public void A_trace_printk_program_verifies_with_its_format_in_read_only_data()
    {
        using var program = Bpf.Filter<SkBuff>(skb => Bpf.Then(Bpf.TracePrintk("bpflinq test: len %u", skb.Len), Pass)).Compile(ProgramKind.Tc).Load();

        program.TestRun(new TestRunOptions { DataIn = s_frame }).ReturnValue.ShouldBe(0u);
    }

    [KernelFact]
    public void A_kfunc_the_kernel_lacks_is_a_clear_error_when_the_program_loads()
    {
        var compiled = Bpf.Program<SkBuff>(skb => Bpf.CallKfunc("bpf_strcmpp")).Compile(ProgramKind.Tc);

        var e = Should.Throw<KfuncNotFoundException>(() => compiled.Load());

        e.Message.ShouldContain("does not provide kfunc 'bpf_strcmpp'");
        e.Message.ShouldContain("bpf_strcmp"); // the spelling suggestion
    }

    [KernelTheory]
    [InlineData(ProgramKind.Tc, 0ul)]
    [InlineData(ProgramKind.Tc, 1ul)]
    [InlineData(ProgramKind.Tc, 4ul)]
    [InlineData(ProgramKind.Xdp, 0ul)]
    [InlineData(ProgramKind.Xdp, 2ul)]
    public void Redirect_returns_the_action_the_managed_model_returns(ProgramKind kind, ulong flags)
    {
        if (kind == ProgramKind.Xdp)
        {
            var xdp = Bpf.Program<XdpMd>(ctx => ctx.IngressIfindex > 0 ? Bpf.Redirect(1, flags) : 3);
            using var loaded = xdp.Compile(kind).Load();
            loaded.TestRun(TestRunOptions.For(s_frame, new XdpMd { IngressIfindex = 1 })).ReturnValue
                .ShouldBe((uint)xdp.Evaluate(TestRunContext.ForXdp(s_frame, new XdpMd { IngressIfindex = 1 }), kind));
            return;
        }
        var tc = Bpf.Program<SkBuff>(skb => skb.Len > 10 ? Bpf.Redirect(1, flags) : 0);
        using var program = tc.Compile(kind).Load();
        program.TestRun(new TestRunOptions { DataIn = s_frame }).ReturnValue.ShouldBe((uint)tc.Evaluate(TestRunContext.ForSkb(kind, s_frame), kind));
    }

    [KernelFact]
    public void A_device_map_redirects_to_filled_slots_and_falls_back_on_empty_ones()
    {
        var ports = new BpfLinq.Maps.DevMap(4, "ports");
        var filter = Bpf.Program<XdpMd>(ctx => ports.Redirect(ctx.Packet.U8(0) & 3u, 2));
        using var maps = new BpfLinq.Runtime.BpfMaps();
        using var program = filter.Compile(ProgramKind.Xdp).Load(maps);
        maps.Get(ports)[1] = 1; // slot 1: loopback
        ports.Update(1, 1);

        foreach (var slot in new byte[] { 0, 1 })
        {
            var frame = s_frame.ToArray();
            frame[0] = slot;
            var kernel = program.TestRun(TestRunOptions.For(frame, new XdpMd())).ReturnValue;
            kernel.ShouldBe((uint)filter.Evaluate(TestRunContext.ForXdp(frame), ProgramKind.Xdp));
            kernel.ShouldBe(slot == 1 ? 4u : 2u); // XDP_REDIRECT, or the fallback XDP_PASS
        }
    }

    private static readonly uint[] s_weights = [.. Enumerable.Range(0, 16).Select(i => (uint)(i * 2654435761u))];
    private static readonly byte[] s_classes = [3, 1, 4, 1, 5, 9, 2, 6];
    private static readonly long[] s_wide = [-1, long.MaxValue, 42, long.MinValue];

    [KernelFact]
    public void Captured_arrays_indexed_by_masked_values_are_lookup_tables_in_read_only_data()
    {
        var filter = Bpf.Program<SkBuff>(skb =>
            s_weights[skb.Len & 15] + s_classes[skb.Protocol & 7] + (s_wide[skb.Mark & 3] >> 40));
        using var program = filter.Compile(ProgramKind.Tc).Load();

        foreach (var length in new[] { 34, 35, 47, 60, 63 })
        {
            var frame = new byte[length];
            frame[12] = 0x08;
            program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue
                .ShouldBe((uint)filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, frame), ProgramKind.Tc));
        }
    }

    [Fact]
    public void A_lookup_table_index_must_be_masked_into_range()
    {
        var filter = Bpf.Program<SkBuff>(skb => s_classes[skb.Len & 15]);

        var e = Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.Tc));
        e.Code.ShouldBe("BPF0027");
        e.Message.ShouldContain("table[x & 7]");
    }

    [Fact]
    public void Redirect_is_for_tc_and_xdp()
    {
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Redirect(1, 0));

        Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.SocketFilter)).Code.ShouldBe("BPF0028");
    }

    private static byte[] Frame()
    {
        var frame = new byte[64];
        frame[12] = 0x08;
        return frame;
    }
}
