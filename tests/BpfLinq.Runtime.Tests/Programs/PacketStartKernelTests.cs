using System.Buffers.Binary;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Programs;

/// <summary>
/// Where a program's packet data starts under <c>BPF_PROG_TEST_RUN</c> (Linux 6.18), against the
/// managed <see cref="Packet"/> that <see cref="TestRunContext"/> gives each kind: hand-written
/// programs read <c>skb-&gt;len</c>, bytes through <c>bpf_skb_load_bytes</c>,
/// <c>bpf_skb_load_bytes_relative</c>, direct access and LD_ABS, on a 60-byte IPv4/UDP frame. skb
/// programs hand their results back in <c>cb[]</c> (through <c>ctx_out</c>) and take their inputs
/// there too (the offset in <c>cb[0]</c>), so one loaded program serves every offset.
/// </summary>
public class PacketStartKernelTests
{
    private const int Efault = -14;
    private const int BpfHdrStartMac = 0, BpfHdrStartNet = 1;

    // Ethernet (first byte 0x02), IPv4 (first byte 0x45) 10.0.0.1 -> 10.0.0.2, UDP, 18 payload bytes 0xa0..0xb1.
    private static readonly byte[] s_frame = Convert.FromHexString(
        "020000000001" + "020000000002" + "0800" +
        "4500002e" + "00010000" + "4011" + "0000" + "0a000001" + "0a000002" +
        "30393039001a0000" + string.Concat(Enumerable.Range(0, 18).Select(i => $"{0xa0 + i:x2}")));

    // cb[2] = bpf_skb_load_bytes_relative(skb, cb[0], fp - 8, 1, cb[1]); cb[3] = *(u8 *)(fp - 8)
    private static readonly string s_loadBytesRelative = $"""
        r6 = r1
        r2 = *(u32 *)(r6 + {Cb(0)})
        r3 = r10
        r3 += -8
        r4 = 1
        r5 = *(u32 *)(r6 + {Cb(1)})
        call bpf_skb_load_bytes_relative
        *(u32 *)(r6 + {Cb(2)}) = r0
        r1 = *(u8 *)(r10 - 8)
        *(u32 *)(r6 + {Cb(3)}) = r1
        r0 = 1
        exit
        """;

    public static TheoryData<ProgramKind> SkbKinds => [ProgramKind.SocketFilter, ProgramKind.CgroupSkb, ProgramKind.Tc];

    [KernelTheory]
    [MemberData(nameof(SkbKinds))]
    public void Skb_len_is_Packet_Length_the_whole_frame_for_tc_and_14_bytes_less_for_socket_filters_and_cgroup_skb(ProgramKind kind)
    {
        using var program = Load(kind, $"r2 = *(u32 *)(r1 + {ContextOffsets.SkBuff(nameof(SkBuff.Len))})\n*(u32 *)(r1 + {Cb(0)}) = r2\nr0 = 1\nexit");

        var len = Run(program)[0];

        len.ShouldBe((uint)ManagedPacket(kind).Length);
        len.ShouldBe(kind == ProgramKind.Tc ? 60u : 46u);
    }

    [KernelTheory]
    [MemberData(nameof(SkbKinds))]
    public void Skb_load_bytes_reads_Packet_U8_at_every_offset_from_frame_byte_14_for_socket_filters_and_cgroup_skb_and_byte_0_for_tc(ProgramKind kind)
    {
        // cb[1] = bpf_skb_load_bytes(skb, cb[0], fp - 8, 1); cb[2] = *(u8 *)(fp - 8)
        using var program = Load(kind, $"""
            r6 = r1
            r2 = *(u32 *)(r6 + {Cb(0)})
            r3 = r10
            r3 += -8
            r4 = 1
            call bpf_skb_load_bytes
            *(u32 *)(r6 + {Cb(1)}) = r0
            r1 = *(u8 *)(r10 - 8)
            *(u32 *)(r6 + {Cb(2)}) = r1
            r0 = 1
            exit
            """);
        var packet = ManagedPacket(kind);

        packet.U8(0).ShouldBe(kind == ProgramKind.Tc ? s_frame[0] : s_frame[14]);
        for (var offset = -2; offset <= packet.Length + 1; offset++)
        {
            var cb = Run(program, (uint)offset);
            var inside = offset >= 0 && offset < packet.Length;
            ((int)cb[1]).ShouldBe(inside ? 0 : Efault, $"offset {offset}");
            cb[2].ShouldBe(packet.U8(offset), $"offset {offset}");
        }
    }

    [KernelTheory]
    [MemberData(nameof(SkbKinds))]
    public void Load_bytes_relative_to_the_mac_header_reads_from_frame_byte_0_and_to_the_network_header_from_frame_byte_14_to_the_frame_end_in_every_skb_kind(ProgramKind kind)
    {
        using var program = Load(kind, s_loadBytesRelative);
        var packet = ManagedPacket(kind);

        var mac = ReadAll(program, BpfHdrStartMac, s_frame);
        var network = ReadAll(program, BpfHdrStartNet, s_frame);

        mac.ShouldBe(s_frame, "BPF_HDR_START_MAC: frame[0..], to the frame's end");
        network.ShouldBe(s_frame[14..], "BPF_HDR_START_NET: frame[14..], to the frame's end");
        // What the managed views anchor at: the Ethernet view at the MAC header, the IP views at the network header.
        packet.Ethernet.Type.ShouldBe(BinaryPrimitives.ReadUInt16BigEndian(mac.AsSpan(12)));
        packet.Ethernet.Destination.ShouldBe(0x020000000001UL);
        packet.Ipv4.Source.ShouldBe(BinaryPrimitives.ReadUInt32BigEndian(network.AsSpan(12)));
        packet.Ipv4.Udp.Length.ShouldBe(BinaryPrimitives.ReadUInt16BigEndian(network.AsSpan(24)));
    }

    [KernelTheory]
    [MemberData(nameof(SkbKinds))]
    public void A_test_run_leaves_a_vlan_tag_in_place_so_the_network_header_is_frame_byte_14_the_tag(ProgramKind kind)
    {
        // The same frame with an 802.1Q tag (id 100) after the MAC addresses.
        byte[] tagged = [.. s_frame[..12], 0x81, 0x00, 0x00, 0x64, .. s_frame[12..]];
        using var program = Load(kind, s_loadBytesRelative);
        var packet = TestRunContext.ForSkb(kind, tagged).Packet;

        var network = ReadAll(program, BpfHdrStartNet, tagged);
        var mac = ReadAll(program, BpfHdrStartMac, tagged);

        network.ShouldBe(tagged[14..]);
        mac.ShouldBe(tagged);
        packet.Ipv4.Version.ShouldBe((byte)0, "the IPv4 view is on the tag's TCI, as in the kernel");
        packet.Ethernet.Vlans(1).Ipv4.Source.ShouldBe(BinaryPrimitives.ReadUInt32BigEndian(network.AsSpan(4 + 12)));
    }

    [KernelTheory]
    [InlineData(ProgramKind.Tc)]
    [InlineData(ProgramKind.CgroupSkb)]
    public void Direct_packet_access_works_in_tc_and_cgroup_skb_test_runs_with_data_at_Packet_offset_0_and_data_end_at_its_end(ProgramKind kind)
    {
        // cb[0] = data_end - data; if (data + 1 <= data_end) { cb[1] = *(u8 *)data; cb[2] = 1 }
        using var program = Load(kind, $"""
            r2 = *(u32 *)(r1 + {ContextOffsets.SkBuffData})
            r3 = *(u32 *)(r1 + {ContextOffsets.SkBuffDataEnd})
            r4 = r3
            r4 -= r2
            *(u32 *)(r1 + {Cb(0)}) = r4
            r5 = r2
            r5 += 1
            if r5 > r3 goto out
            r0 = *(u8 *)(r2 + 0)
            *(u32 *)(r1 + {Cb(1)}) = r0
            *(u32 *)(r1 + {Cb(2)}) = 1
            out:
            r0 = 1
            exit
            """);
        var packet = ManagedPacket(kind);

        var cb = Run(program);

        cb[0].ShouldBe((uint)packet.Length, "data_end - data");
        cb[2].ShouldBe(1u, "the bounds check passes");
        cb[1].ShouldBe(packet.U8(0));
        cb[1].ShouldBe(kind == ProgramKind.Tc ? 0x02u : 0x45u);
    }

    [KernelFact]
    public void Socket_filters_cannot_read_skb_data_so_their_packet_reads_go_through_helpers_or_ld_abs()
    {
        var error = Should.Throw<BpfVerifierException>(() => Load(ProgramKind.SocketFilter, $"r2 = *(u32 *)(r1 + {ContextOffsets.SkBuffData})\nr0 = 0\nexit"));

        error.Message.ShouldContain($"invalid bpf_context access off={ContextOffsets.SkBuffData}");
    }

    [KernelTheory]
    [InlineData(0, 1, 0x45u)]            // skb->data: frame[14], Packet.U8(0)
    [InlineData(45, 1, 0xb1u)]           // the last byte
    [InlineData(12, 2, 0x0a00u)]         // big-endian, as Packet.U16(12)
    [InlineData(46, 1, 0u)]              // beyond the end: the program stops and returns 0
    [InlineData(45, 2, 0u)]              // one of two bytes beyond the end: the same
    [InlineData(-0x200000, 1, 0x02u)]    // SKF_LL_OFF: the MAC header, frame[0]
    [InlineData(-0x100000, 1, 0x45u)]   // SKF_NET_OFF: the network header, frame[14]
    public void Ld_abs_in_a_socket_filter_reads_from_frame_byte_14_and_a_read_beyond_the_end_stops_the_program_with_0(int offset, int width, uint returned)
    {
        // r0 = *(uN *)skb[offset]; return r0 | 0x100, so that 0 means the load ended the program.
        using var program = Load(ProgramKind.SocketFilter, $"r6 = r1\nr0 = *(u{8 * width} *)skb[{offset}]\nr0 |= 0x100\nexit");
        var packet = ManagedPacket(ProgramKind.SocketFilter);

        var value = program.TestRun(new TestRunOptions { DataIn = s_frame }).ReturnValue;

        value.ShouldBe(returned == 0 ? 0u : 0x100 | returned);
        if (offset >= 0)
        {
            // Where the load works it reads what Packet reads; where it stops the program, Packet reads 0.
            var managed = width == 1 ? packet.U8(offset) : packet.U16(offset);
            ((uint)managed).ShouldBe(returned);
        }
    }

    [KernelFact]
    public void Xdp_data_is_Packet_offset_0_the_ethernet_header_and_data_end_its_end()
    {
        // r0 = (data_end - data) << 8 | (data + 1 <= data_end ? *(u8 *)data : 0xff)
        using var program = Load(ProgramKind.Xdp, $"""
            r2 = *(u32 *)(r1 + {ContextOffsets.XdpMdData})
            r3 = *(u32 *)(r1 + {ContextOffsets.XdpMdDataEnd})
            r6 = r3
            r6 -= r2
            r6 <<= 8
            r0 = 0xff
            r4 = r2
            r4 += 1
            if r4 > r3 goto out
            r0 = *(u8 *)(r2 + 0)
            out:
            r0 |= r6
            exit
            """);
        var ctx = new byte[ContextOffsets.XdpMdSize];
        BinaryPrimitives.WriteUInt32LittleEndian(ctx.AsSpan(ContextOffsets.XdpMdDataEnd), (uint)s_frame.Length);
        var packet = TestRunContext.ForXdp(s_frame).Packet;

        var value = program.TestRun(new TestRunOptions { DataIn = s_frame, CtxIn = ctx }).ReturnValue;

        (value >> 8).ShouldBe((uint)packet.Length);
        (value & 0xff).ShouldBe((uint)packet.U8(0));
        packet.U8(0).ShouldBe(s_frame[0]);
    }

    // The offset of cb[index] in struct __sk_buff.
    private static int Cb(int index) => ContextOffsets.SkBuff(nameof(SkBuff.Cb), index);

    private static Packet ManagedPacket(ProgramKind kind) => TestRunContext.ForSkb(kind, s_frame).Packet;

    private static BpfProgram Load(ProgramKind kind, string assembly) => KernelHarness.Load(kind, Assembler.Assemble(assembly));

    // Runs on the frame with cb[0..1] = inputs and returns cb[0..4] after the run.
    private static uint[] Run(BpfProgram program, params uint[] inputs) => Run(program, s_frame, inputs);

    private static uint[] Run(BpfProgram program, byte[] frame, params uint[] inputs)
    {
        var ctx = new byte[ContextOffsets.SkBuffSize];
        for (var i = 0; i < inputs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(ctx.AsSpan(Cb(i)), inputs[i]);
        }
        var result = program.TestRun(new TestRunOptions { DataIn = frame, CtxIn = ctx });
        return [.. Enumerable.Range(0, 5).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(result.CtxOut.AsSpan(Cb(i))))];
    }

    // The bytes bpf_skb_load_bytes_relative reads from a header, offset by offset until the first failure.
    private static byte[] ReadAll(BpfProgram program, uint header, byte[] frame)
    {
        var bytes = new List<byte>();
        for (var offset = 0u; offset < 200; offset++)
        {
            var cb = Run(program, frame, offset, header);
            if (cb[2] != 0)
            {
                ((int)cb[2]).ShouldBe(Efault);
                return [.. bytes];
            }
            bytes.Add((byte)cb[3]);
        }
        throw new InvalidOperationException("no end found in 200 bytes");
    }
}
