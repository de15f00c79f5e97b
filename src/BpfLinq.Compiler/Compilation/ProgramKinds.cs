using BpfLinq.Compiler.Isa;

namespace BpfLinq;

/// <summary>What the kernel calls each <see cref="ProgramKind"/>: its program type and the attach type a load names.</summary>
public static class ProgramKinds
{
    /// <summary>The kernel program type of a kind.</summary>
    public static ProgramType ProgramType(this ProgramKind kind) => kind switch
    {
        ProgramKind.SocketFilter => global::BpfLinq.ProgramType.SocketFilter,
        ProgramKind.SkSkb => global::BpfLinq.ProgramType.SkSkb,
        ProgramKind.Tc => global::BpfLinq.ProgramType.SchedCls,
        ProgramKind.Xdp => global::BpfLinq.ProgramType.Xdp,
        ProgramKind.CgroupSkb => global::BpfLinq.ProgramType.CgroupSkb,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The <c>expected_attach_type</c> a load of this kind passes, or null when the kernel needs none.</summary>
    public static AttachType? ExpectedAttachType(this ProgramKind kind) => kind switch
    {
        ProgramKind.Xdp => AttachType.Xdp,
        _ => null,
    };
}
