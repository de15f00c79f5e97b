using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime.Tests.Native;

/// <summary>The capability EPERM names follows the kernel's checks per command and type.</summary>
public class RequiredCapabilityTests
{
    public static TheoryData<BpfCommand, ProgramType?, MapType?, string?> Cases() => new()
    {
        { BpfCommand.MapCreate, null, MapType.Hash, "CAP_BPF" },
        { BpfCommand.MapCreate, null, MapType.SockHash, "CAP_NET_ADMIN" },
        { BpfCommand.MapCreate, null, MapType.DevMap, "CAP_NET_ADMIN" },
        { BpfCommand.ProgLoad, ProgramType.SocketFilter, null, "CAP_BPF" },
        { BpfCommand.ProgLoad, ProgramType.Xdp, null, "CAP_NET_ADMIN" },
        { BpfCommand.ProgLoad, ProgramType.SkSkb, null, "CAP_NET_ADMIN" },
        { BpfCommand.ProgLoad, ProgramType.Kprobe, null, "CAP_PERFMON" },
        { BpfCommand.ProgLoad, ProgramType.Tracing, null, "CAP_PERFMON" },
        { BpfCommand.LinkCreate, ProgramType.Xdp, null, "CAP_NET_ADMIN" },
        { BpfCommand.BtfLoad, null, null, "CAP_BPF" },
        { BpfCommand.MapGetFdById, null, null, "CAP_SYS_ADMIN" },
        { BpfCommand.MapUpdateElem, null, null, null },
        { BpfCommand.ObjGet, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EPERM_names_the_capability_the_kernel_checks(BpfCommand command, ProgramType? program, MapType? map, string? capability) =>
        RequiredCapability.For(command, program, map).ShouldBe(capability);
}
