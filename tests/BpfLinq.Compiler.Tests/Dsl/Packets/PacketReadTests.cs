using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// The raw reads (<see cref="Packet.U8"/> to <see cref="Packet.U64LittleEndian"/>): a table on a
/// 60-byte frame whose byte <c>i</c> is <c>i + 1</c>, and properties over random packets and offsets.
/// </summary>
public sealed class PacketReadTests
{
    private static readonly byte[] s_frame = [.. Enumerable.Range(1, 60).Select(i => (byte)i)];

    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    public static TheoryData<PacketStart, string, int, ulong> Reads => new()
    {
        { PacketStart.Link, "U8", 0, 0x01 },
        { PacketStart.Link, "U8", 59, 0x3c },
        { PacketStart.Link, "U8", 60, 0 },
        { PacketStart.Link, "U8", -1, 0 },
        { PacketStart.Link, "U8", int.MinValue, 0 },
        { PacketStart.Link, "U8", int.MaxValue, 0 },
        { PacketStart.Link, "U16", 0, 0x0102 },
        { PacketStart.Link, "U16", 58, 0x3b3c },
        { PacketStart.Link, "U16", 59, 0 },
        { PacketStart.Link, "U16", -1, 0 },
        { PacketStart.Link, "U32", 0, 0x01020304 },
        { PacketStart.Link, "U32", 56, 0x393a3b3c },
        { PacketStart.Link, "U32", 57, 0 },
        { PacketStart.Link, "U32", -2, 0 },
        { PacketStart.Link, "U64", 0, 0x0102030405060708 },
        { PacketStart.Link, "U64", 52, 0x35363738393a3b3c },
        { PacketStart.Link, "U64", 53, 0 },
        { PacketStart.Link, "U64", int.MaxValue - 3, 0 },
        { PacketStart.Link, "U16LittleEndian", 0, 0x0201 },
        { PacketStart.Link, "U16LittleEndian", 59, 0 },
        { PacketStart.Link, "U32LittleEndian", 0, 0x04030201 },
        { PacketStart.Link, "U32LittleEndian", 56, 0x3c3b3a39 },
        { PacketStart.Link, "U64LittleEndian", 0, 0x0807060504030201 },
        { PacketStart.Link, "U64LittleEndian", 53, 0 },
        // Socket filter and cgroup_skb: offset 0 is frame[14]; the Ethernet header is not at negative offsets.
        { PacketStart.Network, "U8", 0, 15 },
        { PacketStart.Network, "U8", -1, 0 },
        { PacketStart.Network, "U8", -14, 0 },
        { PacketStart.Network, "U8", 45, 0x3c },
        { PacketStart.Network, "U8", 46, 0 },
        { PacketStart.Network, "U16", 44, 0x3b3c },
        { PacketStart.Network, "U16", 45, 0 },
        { PacketStart.Network, "U32", 0, 0x0f101112 },
        { PacketStart.Network, "U64", 38, 0x35363738393a3b3c },
        { PacketStart.Network, "U64", 39, 0 },
        { PacketStart.Network, "U32LittleEndian", 0, 0x1211100f },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void A_read_gives_the_bytes_in_network_order_or_0_beyond_the_end(PacketStart start, string method, int offset, ulong expected)
    {
        var packet = Packet.FromFrame(s_frame, start);

        Read(packet, method, offset).ShouldBe(expected);
    }

    [Fact]
    public void Length_is_the_bytes_from_offset_0()
    {
        new Packet(s_frame).Length.ShouldBe(60);
        Packet.FromFrame(s_frame, PacketStart.Link).Length.ShouldBe(60);
        Packet.FromFrame(s_frame, PacketStart.Network).Length.ShouldBe(46);
        new Packet(s_frame, PacketStart.Network).Length.ShouldBe(60);
        new Packet(s_frame, PacketStart.Payload).Length.ShouldBe(60);
        new Packet([]).Length.ShouldBe(0);
        default(Packet).Length.ShouldBe(0);
    }

    [Fact]
    public void A_wider_read_is_its_two_halves_when_both_are_in_and_0_otherwise()
    {
        Check.One(s_config, Prop.ForAll(PacketAndOffset().ToArbitrary(), t =>
        {
            var (bytes, offset) = t;
            var p = new Packet(bytes);
            bool Fits(int width) => offset >= 0 && (long)offset + width <= bytes.Length;

            p.U8(offset).ShouldBe(Fits(1) ? bytes[offset] : (byte)0);
            p.U16(offset).ShouldBe(Fits(2) ? (ushort)((p.U8(offset) << 8) | p.U8(offset + 1)) : (ushort)0);
            p.U32(offset).ShouldBe(Fits(4) ? ((uint)p.U16(offset) << 16) | p.U16(offset + 2) : 0u);
            p.U64(offset).ShouldBe(Fits(8) ? ((ulong)p.U32(offset) << 32) | p.U32(offset + 4) : 0ul);
        }));
    }

    [Fact]
    public void Little_endian_reads_are_the_big_endian_ones_byte_reversed()
    {
        Check.One(s_config, Prop.ForAll(PacketAndOffset().ToArbitrary(), t =>
        {
            var (bytes, offset) = t;
            var p = new Packet(bytes);

            p.U16LittleEndian(offset).ShouldBe(BinaryPrimitives.ReverseEndianness(p.U16(offset)));
            p.U32LittleEndian(offset).ShouldBe(BinaryPrimitives.ReverseEndianness(p.U32(offset)));
            p.U64LittleEndian(offset).ShouldBe(BinaryPrimitives.ReverseEndianness(p.U64(offset)));
            if (offset >= 0 && (long)offset + 8 <= bytes.Length)
            {
                p.U64LittleEndian(offset).ShouldBe(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset)));
            }
        }));
    }

    [Fact]
    public void A_network_start_packet_reads_the_frame_14_bytes_on_and_nothing_before()
    {
        var frames = from bytes in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Select(b => b.Length >= 14 ? b : [.. b, .. new byte[14 - b.Length]])
                     from offset in Gen.Choose(-20, bytes.Length + 4)
                     select (bytes, offset);
        Check.One(s_config, Prop.ForAll(frames.ToArbitrary(), t =>
        {
            var (frame, offset) = t;
            var network = Packet.FromFrame(frame, PacketStart.Network);
            var link = new Packet(frame);

            network.Length.ShouldBe(frame.Length - 14);
            network.U32(offset).ShouldBe(offset >= 0 ? link.U32(offset + 14) : 0u);
            network.U8(offset).ShouldBe(offset >= 0 ? link.U8(offset + 14) : (byte)0);
            network.Ethernet.Type.ShouldBe(link.Ethernet.Type);
            network.Ipv4.Source.ShouldBe(link.Ipv4.Source);
        }));
    }

    private static Gen<(byte[] Bytes, int Offset)> PacketAndOffset() =>
        from bytes in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
        from offset in Gen.Frequency((9, Gen.Choose(-10, bytes.Length + 10)), (1, Gen.Elements(int.MinValue, int.MaxValue, int.MaxValue - 7)))
        select (bytes, offset);

    private static ulong Read(Packet packet, string method, int offset) => method switch
    {
        "U8" => packet.U8(offset),
        "U16" => packet.U16(offset),
        "U32" => packet.U32(offset),
        "U64" => packet.U64(offset),
        "U16LittleEndian" => packet.U16LittleEndian(offset),
        "U32LittleEndian" => packet.U32LittleEndian(offset),
        "U64LittleEndian" => packet.U64LittleEndian(offset),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
