using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// One row of <see cref="ProgramKindTable"/>: everything the compiler, the managed model and the loader
/// need to know about a <see cref="ProgramKind"/>.
/// </summary>
internal sealed record ProgramKindInfo
{
    /// <summary>The kind this row describes.</summary>
    public required ProgramKind Kind { get; init; }

    /// <summary>The kernel program type a load names.</summary>
    public required ProgramType ProgramType { get; init; }

    /// <summary>The <c>expected_attach_type</c> a load passes, or null when the kernel needs none.</summary>
    public AttachType? ExpectedAttachType { get; init; }

    /// <summary>The context type the program's lambda takes (<see cref="SkBuff"/> or <see cref="XdpMd"/>).</summary>
    public required Type Context { get; init; }

    /// <summary>True for the kind a lambda over <see cref="Context"/> compiles to unless told otherwise.</summary>
    public bool IsDefaultForContext { get; init; }

    /// <summary>The value the program returns for each verdict it has, <see cref="VerdictKind.Keep"/> aside.</summary>
    public required IReadOnlyDictionary<VerdictKind, long> Verdicts { get; init; }

    /// <summary>True when the program may return <see cref="VerdictKind.Keep"/>: the number of bytes to keep.</summary>
    public bool Keeps { get; init; }

    /// <summary>True when the kernel reads only the low 32 bits of what the program returns (<c>bpf_prog_run</c> and its callers take a u32 from every <c>__sk_buff</c> and <c>xdp_md</c> program).</summary>
    public bool ReturnsU32 { get; init; } = true;

    /// <summary>Where offset 0 of <c>ctx.Packet</c> is, and so which headers a program can see.</summary>
    public required PacketStart PacketStart { get; init; }

    /// <summary>How packet reads are expanded.</summary>
    public required PacketAccess PacketAccess { get; init; }

    /// <summary>The context offsets of the <c>data</c> and <c>data_end</c> pointers direct access loads.</summary>
    public required (int Data, int End) DataPointers { get; init; }

    /// <summary>True when bytes beyond the linear data are pulled in (<c>bpf_skb_pull_data</c>) before direct reads.</summary>
    public bool PullsNonlinearData { get; init; }

    /// <summary>True when a test of <c>Packet.Length</c> is a bounds check the verifier learns from (<c>data_end - data</c>).</summary>
    public bool LengthTestsGuardReads { get; init; }

    /// <summary>Where <c>Packet.Length</c> comes from.</summary>
    public required PacketLength PacketLength { get; init; }

    /// <summary>The context fields the program may read. None may be written: BpfLinq's contexts are read-only, and packets are written through helpers (<see cref="Helpers"/>).</summary>
    public required IReadOnlySet<ContextFieldGroup> ReadableFields { get; init; }

    /// <summary>The helpers this kind may call among those only some kinds may (<see cref="ProgramKindTable.KindSpecificHelpers"/>).</summary>
    public required IReadOnlySet<Helper> Helpers { get; init; }

    /// <summary>What <c>bpf_redirect</c> returns here, or null when the kind cannot redirect.</summary>
    public RedirectActions? Redirect { get; init; }

    /// <summary>Which test run the kernel offers the kind.</summary>
    public required TestRunShape TestRun { get; init; }

    /// <summary>True when the program may return <paramref name="verdict"/>.</summary>
    public bool Allows(VerdictKind verdict) => verdict == VerdictKind.Keep ? Keeps : Verdicts.ContainsKey(verdict);

    /// <summary>True when the program may call <paramref name="helper"/>.</summary>
    public bool Allows(Helper helper) => !ProgramKindTable.KindSpecificHelpers.Contains(helper) || Helpers.Contains(helper);
}
