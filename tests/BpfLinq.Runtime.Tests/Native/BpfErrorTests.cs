using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>Each errno the kernel returns becomes the documented exception, with advice.</summary>
public class BpfErrorTests
{
    private static readonly MapCreateOptions s_smallHash = new() { Type = MapType.Hash, KeySize = 4, ValueSize = 8, MaxEntries = 4 };

    public static TheoryData<string, int[], string> PermissionCases() => new()
    {
        { "map", [Capabilities.Bpf, Capabilities.SysAdmin], "CAP_BPF" },
        { "sockmap", [Capabilities.NetAdmin, Capabilities.SysAdmin], "CAP_NET_ADMIN" },
        { "xdp program", [Capabilities.NetAdmin, Capabilities.SysAdmin], "CAP_NET_ADMIN" },
        { "kprobe program", [Capabilities.Perfmon, Capabilities.SysAdmin], "CAP_PERFMON" },
        { "socket filter program", [Capabilities.Bpf, Capabilities.SysAdmin], "CAP_BPF" },
    };

    [KernelTheory]
    [MemberData(nameof(PermissionCases))]
    public void EPERM_names_the_missing_capability(string what, int[] dropped, string capability)
    {
        Action attempt = what switch
        {
            "map" => () => BpfMap.Create(s_smallHash).Dispose(),
            "sockmap" => () => BpfMap.Create(new MapCreateOptions { Type = MapType.SockMap, KeySize = 4, ValueSize = 4, MaxEntries = 1 }).Dispose(),
            "xdp program" => () => Load(ProgramType.Xdp).Dispose(),
            "kprobe program" => () => Load(ProgramType.Kprobe).Dispose(),
            _ => () => Load(ProgramType.SocketFilter).Dispose(),
        };

        var thrown = Should.Throw<AggregateException>(() => Capabilities.RunWithout(attempt, dropped));

        var error = thrown.InnerException.ShouldBeOfType<BpfPermissionException>();
        error.Errno.ShouldBe(Errno.EPERM);
        error.Capability.ShouldBe(capability);
        error.Message.ShouldContain($"lacks {capability}");
        error.Message.ShouldContain("run as root");
    }

    [KernelFact]
    public void EBADF_says_the_descriptor_is_closed_or_of_the_wrong_kind()
    {
        var attr = new MapFreezeAttr { MapFd = int.MaxValue };

        var error = Should.Throw<BpfException>(() => BpfSyscall.Invoke(BpfCommand.MapFreeze, ref attr, "freeze a map"));

        error.Errno.ShouldBe(Errno.EBADF);
        error.Command.ShouldBe(BpfCommand.MapFreeze);
        error.Message.ShouldStartWith("freeze a map: BPF_MAP_FREEZE failed with EBADF (");
        error.Message.ShouldContain("disposed early");
    }

    [KernelFact]
    public void E2BIG_from_non_zero_bytes_past_the_union_says_the_kernel_lacks_the_feature()
    {
        var error = Should.Throw<BpfException>(() =>
        {
            var attr = OversizedAttr.ArrayMapWithNonZeroTail();
            BpfSyscall.Invoke(BpfCommand.MapCreate, ref attr, "create a map");
        });

        error.Errno.ShouldBe(Errno.E2BIG);
        error.Message.ShouldContain("attribute fields this kernel does not know");
    }

    [KernelFact]
    public void E2BIG_for_a_program_over_a_million_instructions()
    {
        var insns = new Insn[1_000_001];
        Array.Fill(insns, Insn.Mov(Reg.R0, 0));
        insns[^1] = Insn.Exit();

        var error = Should.Throw<BpfException>(() => BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = insns }));

        error.ShouldNotBeOfType<BpfVerifierException>();
        error.Errno.ShouldBe(Errno.E2BIG);
        error.Message.ShouldContain("1,000,000 instructions");
    }

    [KernelFact]
    public void A_program_too_complex_to_verify_is_a_verifier_rejection_with_E2BIG()
    {
        // r0 = 0; do r0 += 1; while (r0 < 0x7fffffff): the verifier walks the loop until its 1M-instruction budget runs out.
        Insn[] insns = [Insn.Mov(Reg.R0, 0), Insn.Add(Reg.R0, 1), new Insn(0xa5, Reg.R0, Reg.R0, -2, int.MaxValue), Insn.Exit()];

        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions { Type = ProgramType.SocketFilter, Instructions = insns }));

        error.Errno.ShouldBe(Errno.E2BIG);
        error.Summary.ShouldStartWith("BPF program is too large. Processed 1000001 insn");
    }

    [KernelFact]
    public void A_verifier_rejection_gives_the_kernels_line_and_the_full_log()
    {
        var error = Should.Throw<BpfVerifierException>(() => BpfProgram.Load(new ProgramLoadOptions
        {
            Type = ProgramType.SocketFilter,
            Instructions = new[] { Insn.Exit() },
            Name = "just_exit",
        }));

        error.Summary.ShouldBe("R0 !read_ok");
        error.Errno.ShouldBe(Errno.EACCES);
        error.InstructionIndex.ShouldBe(0);
        error.Message.ShouldBe("load SocketFilter program 'just_exit': the verifier rejected it at instruction 0 (exit): R0 !read_ok");
        error.Log.ShouldContain("0: (95) exit");
        error.Log.ShouldContain("processed 1 insns");
        error.LogTruncated.ShouldBeFalse();
    }

    [Theory]
    [InlineData(BpfCommand.MapCreate, "BPF_MAP_CREATE")]
    [InlineData(BpfCommand.ObjGetInfoByFd, "BPF_OBJ_GET_INFO_BY_FD")]
    [InlineData(BpfCommand.ProgTestRun, "BPF_PROG_TEST_RUN")]
    [InlineData(BpfCommand.MapLookupAndDeleteBatch, "BPF_MAP_LOOKUP_AND_DELETE_BATCH")]
    public void Commands_are_named_as_the_kernel_names_them(BpfCommand command, string name) =>
        BpfErrors.CommandName(command).ShouldBe(name);

    [Fact]
    public void EPERM_on_a_map_write_is_about_the_map_not_a_capability()
    {
        var error = BpfErrors.Create(Errno.EPERM, BpfCommand.MapUpdateElem, "update");

        error.ShouldNotBeOfType<BpfPermissionException>();
        error.Message.ShouldContain("frozen");
    }

    private static BpfProgram Load(ProgramType type) =>
        BpfProgram.Load(new ProgramLoadOptions { Type = type, Instructions = TestProgram.Return(0) });

    /// <summary>An attr bigger than <c>union bpf_attr</c>, to send non-zero bytes past its end.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct OversizedAttr
    {
        public const int Size = 200;
        public fixed byte Bytes[Size];

        /// <summary>A valid array-map create (u32 words at 0, 4, 8, 12) plus a 1 beyond sizeof(union bpf_attr) == 168.</summary>
        public static OversizedAttr ArrayMapWithNonZeroTail()
        {
            var attr = default(OversizedAttr);
            attr.Bytes[0] = (byte)MapType.Array;
            attr.Bytes[4] = 4;
            attr.Bytes[8] = 4;
            attr.Bytes[12] = 1;
            attr.Bytes[Size - 1] = 1;
            return attr;
        }
    }
}
