using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// What each <see cref="ProgramKind"/> is, one row per kind: every phase (the front end, the packet
/// expansion, the managed model, the loader) asks this table rather than switching on the kind, so
/// adding a kind is adding a row. A test pins each row's facts against DESIGN.md and the kernel's BTF.
/// </summary>
internal static class ProgramKindTable
{
    /// <summary>The rows, in <see cref="ProgramKind"/> order.</summary>
    public static IReadOnlyList<ProgramKindInfo> All { get; } =
    [
        new()
        {
            Kind = ProgramKind.SocketFilter,
            ProgramType = ProgramType.SocketFilter,
            Context = typeof(SkBuff),
            IsDefaultForContext = true,
            Verdicts = new Dictionary<VerdictKind, long> { [VerdictKind.Pass] = 0xFFFFFFFF, [VerdictKind.Drop] = 0 },
            Keeps = true,
            PacketStart = PacketStart.Network,
            PacketAccess = PacketAccess.Helper,
            DataPointers = SkbDataPointers,
            PacketLength = PacketLength.SkbLen,
            ReadableFields = Groups(ContextFieldGroup.SkbCommon, ContextFieldGroup.SkbMark),
            Helpers = Set(Helper.SkbLoadBytes),
            TestRun = TestRunShape.Skb,
        },
        new()
        {
            Kind = ProgramKind.SkSkb,
            ProgramType = ProgramType.SkSkb,
            Context = typeof(SkBuff),
            Verdicts = new Dictionary<VerdictKind, long> { [VerdictKind.Pass] = 1, [VerdictKind.Drop] = 0 }, // SK_PASS, SK_DROP
            PacketStart = PacketStart.Payload,
            PacketAccess = PacketAccess.Helper,
            DataPointers = SkbDataPointers,
            PacketLength = PacketLength.SkbLen,
            ReadableFields = Groups(ContextFieldGroup.SkbCommon, ContextFieldGroup.SkbSocket),
            Helpers = Set(Helper.SkbLoadBytes, Helper.SkbStoreBytes, Helper.L3CsumReplace, Helper.L4CsumReplace, Helper.SkRedirectMap),
            TestRun = TestRunShape.None,
        },
        new()
        {
            Kind = ProgramKind.Tc,
            ProgramType = ProgramType.SchedCls,
            Context = typeof(SkBuff),
            Verdicts = new Dictionary<VerdictKind, long> { [VerdictKind.Pass] = 0, [VerdictKind.Drop] = 2 }, // TC_ACT_OK, TC_ACT_SHOT
            PacketStart = PacketStart.Link,
            PacketAccess = PacketAccess.Direct,
            DataPointers = SkbDataPointers,
            PullsNonlinearData = true,
            PacketLength = PacketLength.SkbLen,
            ReadableFields = Groups(ContextFieldGroup.SkbCommon, ContextFieldGroup.SkbMark, ContextFieldGroup.SkbTcOnly, ContextFieldGroup.SkbTimestamps),
            Helpers = Set(Helper.SkbLoadBytes, Helper.SkbStoreBytes, Helper.L3CsumReplace, Helper.L4CsumReplace, Helper.Redirect),
            Redirect = new(Redirected: 7, Refused: 2, AllowedFlags: 1), // TC_ACT_REDIRECT; TC_ACT_SHOT; BPF_F_INGRESS
            TestRun = TestRunShape.Skb,
        },
        new()
        {
            Kind = ProgramKind.Xdp,
            ProgramType = ProgramType.Xdp,
            ExpectedAttachType = AttachType.Xdp,
            Context = typeof(XdpMd),
            IsDefaultForContext = true,
            Verdicts = new Dictionary<VerdictKind, long>
            {
                [VerdictKind.Aborted] = 0, [VerdictKind.Drop] = 1, [VerdictKind.Pass] = 2, [VerdictKind.Tx] = 3, [VerdictKind.Redirect] = 4,
            },
            PacketStart = PacketStart.Link,
            PacketAccess = PacketAccess.Direct,
            DataPointers = (0, 4), // xdp_md.data, data_end
            LengthTestsGuardReads = true,
            PacketLength = PacketLength.XdpBuffLen,
            ReadableFields = Groups(ContextFieldGroup.XdpReceive),
            Helpers = Set(Helper.Redirect, Helper.RedirectMap),
            Redirect = new(Redirected: 4, Refused: 0, AllowedFlags: 0), // XDP_REDIRECT; XDP_ABORTED
            TestRun = TestRunShape.Xdp,
        },
        new()
        {
            Kind = ProgramKind.CgroupSkb,
            ProgramType = ProgramType.CgroupSkb,
            Context = typeof(SkBuff),
            Verdicts = new Dictionary<VerdictKind, long> { [VerdictKind.Pass] = 1, [VerdictKind.Drop] = 0 },
            PacketStart = PacketStart.Network,
            PacketAccess = PacketAccess.DirectWithHelperFallback,
            DataPointers = SkbDataPointers,
            PacketLength = PacketLength.SkbLen,
            ReadableFields = Groups(ContextFieldGroup.SkbCommon, ContextFieldGroup.SkbMark, ContextFieldGroup.SkbSocket, ContextFieldGroup.SkbTimestamps),
            Helpers = Set(Helper.SkbLoadBytes),
            TestRun = TestRunShape.Skb,
        },
    ];

    /// <summary>The helpers BpfLinq exposes that only some kinds may call; every kind may call the others.</summary>
    public static IReadOnlySet<Helper> KindSpecificHelpers { get; } = All.SelectMany(r => r.Helpers).ToHashSet();

    // __sk_buff.data and data_end.
    private static (int Data, int End) SkbDataPointers => (76, 80);

    /// <summary>The row of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a program kind.</exception>
    public static ProgramKindInfo Of(ProgramKind kind) =>
        (uint)kind < (uint)All.Count ? All[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a program kind");

    private static HashSet<ContextFieldGroup> Groups(params ContextFieldGroup[] groups) => [.. groups];

    private static HashSet<Helper> Set(params Helper[] helpers) => [.. helpers];
}
