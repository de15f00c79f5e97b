using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary>
/// Each row of the program-kind table, fact by fact: verdict values as DESIGN.md §1 gives them, program
/// types, contexts, packet starts, the data pointers against vmlinux BTF, and rows that agree with themselves.
/// </summary>
public sealed class ProgramKindTableTests
{
    private const string VmlinuxPath = "/sys/kernel/btf/vmlinux";

    [Fact]
    public void There_is_one_row_per_kind_in_kind_order()
    {
        ProgramKindTable.All.Select(r => r.Kind).ShouldBe(Enum.GetValues<ProgramKind>());
    }

    public static TheoryData<ProgramKind, VerdictKind, long> Verdicts() => new()
    {
        // DESIGN.md §1: socket filter keep-all (0xFFFFFFFF) / 0; sk_skb SK_PASS 1 / SK_DROP 0; XDP XDP_PASS 2 /
        // XDP_DROP 1 (also TX, REDIRECT, ABORTED); tc/tcx TC_ACT_OK 0 / TC_ACT_SHOT 2; cgroup_skb 1 / 0.
        { ProgramKind.SocketFilter, VerdictKind.Pass, 0xFFFFFFFF },
        { ProgramKind.SocketFilter, VerdictKind.Drop, 0 },
        { ProgramKind.SkSkb, VerdictKind.Pass, 1 },
        { ProgramKind.SkSkb, VerdictKind.Drop, 0 },
        { ProgramKind.Xdp, VerdictKind.Aborted, 0 },
        { ProgramKind.Xdp, VerdictKind.Drop, 1 },
        { ProgramKind.Xdp, VerdictKind.Pass, 2 },
        { ProgramKind.Xdp, VerdictKind.Tx, 3 },
        { ProgramKind.Xdp, VerdictKind.Redirect, 4 },
        { ProgramKind.Tc, VerdictKind.Pass, 0 },
        { ProgramKind.Tc, VerdictKind.Drop, 2 },
        { ProgramKind.CgroupSkb, VerdictKind.Pass, 1 },
        { ProgramKind.CgroupSkb, VerdictKind.Drop, 0 },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Verdict_values_are_the_designs(ProgramKind kind, VerdictKind verdict, long value)
    {
        ProgramKindTable.Of(kind).Verdicts[verdict].ShouldBe(value);
    }

    [Fact]
    public void Each_kind_has_exactly_the_designs_verdicts()
    {
        var pinned = Verdicts().Select(row => ((ProgramKind)row[0], (VerdictKind)row[1])).ToHashSet();
        foreach (var row in ProgramKindTable.All)
        {
            row.Verdicts.Keys.Order().ShouldBe(pinned.Where(p => p.Item1 == row.Kind).Select(p => p.Item2).Order(), row.Kind.ToString());
            row.Keeps.ShouldBe(row.Kind == ProgramKind.SocketFilter);
        }
        Verdict.Keep(64).ToReturnValue(ProgramKind.SocketFilter).ShouldBe(64);
    }

    [Theory]
    [InlineData(ProgramKind.SocketFilter, ProgramType.SocketFilter, null, typeof(SkBuff), PacketStart.Network)]
    [InlineData(ProgramKind.SkSkb, ProgramType.SkSkb, null, typeof(SkBuff), PacketStart.Payload)]
    [InlineData(ProgramKind.Tc, ProgramType.SchedCls, null, typeof(SkBuff), PacketStart.Link)]
    [InlineData(ProgramKind.Xdp, ProgramType.Xdp, AttachType.Xdp, typeof(XdpMd), PacketStart.Link)]
    [InlineData(ProgramKind.CgroupSkb, ProgramType.CgroupSkb, null, typeof(SkBuff), PacketStart.Network)]
    public void Kernel_names_context_and_packet_start(ProgramKind kind, ProgramType type, AttachType? attach, Type context, PacketStart start)
    {
        var row = ProgramKindTable.Of(kind);
        (row.ProgramType, row.ExpectedAttachType, row.Context, row.PacketStart).ShouldBe((type, attach, context, start));
        (kind.ProgramType(), kind.ExpectedAttachType()).ShouldBe((type, attach));
    }

    [Fact]
    public void Each_context_has_one_default_kind()
    {
        ContextTypes.DefaultKind(typeof(SkBuff)).ShouldBe(ProgramKind.SocketFilter);
        ContextTypes.DefaultKind(typeof(XdpMd)).ShouldBe(ProgramKind.Xdp);
        ProgramKindTable.All.GroupBy(r => r.Context).ShouldAllBe(g => g.Count(r => r.IsDefaultForContext) == 1);
    }

    [Fact]
    public void A_kind_reads_only_fields_of_its_own_context()
    {
        foreach (var row in ProgramKindTable.All)
        {
            var fields = row.Context == typeof(XdpMd) ? ContextFieldTable.XdpMd : ContextFieldTable.SkBuff;
            row.ReadableFields.ShouldAllBe(g => fields.Any(f => f.Group == g), row.Kind.ToString());
        }
    }

    [Fact]
    public void Redirect_actions_go_with_the_redirect_helper()
    {
        foreach (var row in ProgramKindTable.All)
        {
            (row.Redirect is not null).ShouldBe(row.Allows(Helper.Redirect), row.Kind.ToString());
        }
        ProgramKindTable.Of(ProgramKind.Tc).Redirect!.For(1).ShouldBe(7);    // TC_ACT_REDIRECT with BPF_F_INGRESS
        ProgramKindTable.Of(ProgramKind.Tc).Redirect!.For(2).ShouldBe(2);    // TC_ACT_SHOT
        ProgramKindTable.Of(ProgramKind.Xdp).Redirect!.For(0).ShouldBe(4);   // XDP_REDIRECT
        ProgramKindTable.Of(ProgramKind.Xdp).Redirect!.For(1).ShouldBe(0);   // XDP_ABORTED
    }

    [Fact]
    public void Direct_access_kinds_read_packets_from_the_link_header_or_the_network_header()
    {
        foreach (var row in ProgramKindTable.All.Where(r => r.PacketAccess != PacketAccess.Helper))
        {
            row.PacketStart.ShouldNotBe(PacketStart.Payload, row.Kind.ToString());
        }
    }

    [SkippableFact]
    public void Data_pointers_are_the_kernels()
    {
        Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent: the kernel was built without CONFIG_DEBUG_INFO_BTF");
        var vmlinux = BtfDecoder.Decode(File.ReadAllBytes(VmlinuxPath));
        foreach (var row in ProgramKindTable.All)
        {
            var name = row.Context == typeof(XdpMd) ? "xdp_md" : "__sk_buff";
            vmlinux.TryFindType<BtfStruct>(name, BtfKind.Struct, out var type).ShouldBeTrue();
            ((int)type.FindField("data").ByteOffset, (int)type.FindField("data_end").ByteOffset).ShouldBe(row.DataPointers, row.Kind.ToString());
        }
    }
}
