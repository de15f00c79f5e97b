using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Isa;

namespace BpfLinq;

/// <summary>What the kernel calls each <see cref="ProgramKind"/>: its program type and the attach type a load names.</summary>
public static class ProgramKinds
{
    /// <summary>The kernel program type of a kind.</summary>
    public static ProgramType ProgramType(this ProgramKind kind) => ProgramKindTable.Of(kind).ProgramType;

    /// <summary>The <c>expected_attach_type</c> a load of this kind passes, or null when the kernel needs none.</summary>
    public static AttachType? ExpectedAttachType(this ProgramKind kind) => ProgramKindTable.Of(kind).ExpectedAttachType;
}
