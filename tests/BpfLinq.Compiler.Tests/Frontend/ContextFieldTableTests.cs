using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Frontend;

/// <summary>
/// The context table against the running kernel: every offset and size against <c>struct __sk_buff</c>
/// and <c>struct xdp_md</c> in vmlinux BTF, and every "readable by" entry against the verifier.
/// </summary>
public sealed class ContextFieldTableTests
{
    private const string VmlinuxPath = "/sys/kernel/btf/vmlinux";

    private static readonly Lazy<BtfSpec> s_vmlinux = new(() => BtfDecoder.Decode(File.ReadAllBytes(VmlinuxPath)));

    private static readonly ProgramKind[] s_skbKinds = [ProgramKind.SocketFilter, ProgramKind.SkSkb, ProgramKind.Tc, ProgramKind.CgroupSkb];

    public static TheoryData<ProgramKind, string, int> Reads()
    {
        var data = new TheoryData<ProgramKind, string, int>();
        foreach (var kind in s_skbKinds)
        {
            foreach (var field in ContextFieldTable.SkBuff)
            {
                foreach (var index in Enumerable.Range(0, field.Count))
                {
                    data.Add(kind, field.Property.Name, index);
                }
            }
        }
        foreach (var field in ContextFieldTable.XdpMd)
        {
            data.Add(ProgramKind.Xdp, field.Property.Name, 0);
        }
        return data;
    }

    [KernelTheory]
    [MemberData(nameof(Reads))]
    public void The_verifier_accepts_a_read_exactly_when_the_table_allows_it(ProgramKind kind, string property, int index)
    {
        var field = Field(kind, property);
        Insn[] program =
        [
            Insn.Ldx(SizeOf(field.Size), Reg.R0, Reg.R1, (short)field.OffsetOf(index)),
            Insn.Mov(Reg.R0, 0),
            Insn.Exit(),
        ];
        bool accepted;
        try
        {
            using var loaded = KernelHarness.Load(kind, program);
            accepted = true;
        }
        catch (BpfVerifierException)
        {
            accepted = false;
        }
        accepted.ShouldBe(field.ReadableBy.Contains(kind), $"{kind} reading {field.KernelName}[{index}] at {field.OffsetOf(index)}");
    }

    [SkippableFact]
    public void Offsets_and_sizes_are_the_kernels()
    {
        Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent: the kernel was built without CONFIG_DEBUG_INFO_BTF");
        Check("__sk_buff", ContextFieldTable.SkBuff, ContextFieldTable.SkBuffSize);
        Check("xdp_md", ContextFieldTable.XdpMd, ContextFieldTable.XdpMdSize);
    }

    [SkippableFact]
    public void The_packet_pointer_offsets_tests_use_are_the_kernels()
    {
        Skip.IfNot(File.Exists(VmlinuxPath), $"{VmlinuxPath} is absent: the kernel was built without CONFIG_DEBUG_INFO_BTF");
        OffsetOf("__sk_buff", "data").ShouldBe(ContextOffsets.SkBuffData);
        OffsetOf("__sk_buff", "data_end").ShouldBe(ContextOffsets.SkBuffDataEnd);
        OffsetOf("xdp_md", "data").ShouldBe(ContextOffsets.XdpMdData);
        OffsetOf("xdp_md", "data_end").ShouldBe(ContextOffsets.XdpMdDataEnd);
    }

    [Fact]
    public void Every_context_property_but_the_packet_is_in_the_table()
    {
        // Packet is the packet data, not a field of the kernel's context struct.
        typeof(SkBuff).GetProperties().Select(p => p.Name).Order().ShouldBe(ContextFieldTable.SkBuff.Select(f => f.Property.Name).Append(nameof(SkBuff.Packet)).Order());
        typeof(XdpMd).GetProperties().Select(p => p.Name).Order().ShouldBe(ContextFieldTable.XdpMd.Select(f => f.Property.Name).Append(nameof(XdpMd.Packet)).Order());
        ContextFieldTable.Find(typeof(SkBuff).GetProperty(nameof(SkBuff.Packet))!).ShouldBeNull();
        ContextFieldTable.Find(typeof(XdpMd).GetProperty(nameof(XdpMd.Packet))!).ShouldBeNull();
    }

    [Fact]
    public void Bytes_round_trip_through_the_layout()
    {
        var skb = new SkBuff { Len = 1, Mark = 0xdeadbeef, Cb = [1, 2, 3, 4, 5], RemoteIp6 = [9, 8, 7, 6], Tstamp = ulong.MaxValue - 1, TstampType = 3, Hwtstamp = 42 };
        var back = ContextLayout.SkBuffFromBytes(ContextLayout.ToBytes(skb));
        back.ShouldBeEquivalentTo(skb);
    }

    private static void Check(string structName, IReadOnlyList<ContextField> fields, int size)
    {
        s_vmlinux.Value.TryFindType<BtfStruct>(structName, BtfKind.Struct, out var type).ShouldBeTrue();
        type.Size.ShouldBe((uint)size);
        foreach (var field in fields)
        {
            var location = type.FindField(field.KernelName);
            ((int)location.ByteOffset).ShouldBe(field.Offset, field.KernelName);
            ((int)location.Size).ShouldBe(field.Size * field.Count, field.KernelName);
            location.IsBitfield.ShouldBeFalse(field.KernelName);
        }
    }

    private static int OffsetOf(string structName, string fieldName)
    {
        s_vmlinux.Value.TryFindType<BtfStruct>(structName, BtfKind.Struct, out var type).ShouldBeTrue();
        return (int)type.FindField(fieldName).ByteOffset;
    }

    private static ContextField Field(ProgramKind kind, string property) =>
        (kind == ProgramKind.Xdp ? ContextFieldTable.XdpMd : ContextFieldTable.SkBuff).Single(f => f.Property.Name == property);

    private static Size SizeOf(int bytes) => bytes switch
    {
        1 => Size.Byte,
        2 => Size.Half,
        8 => Size.DWord,
        _ => Size.Word,
    };
}
