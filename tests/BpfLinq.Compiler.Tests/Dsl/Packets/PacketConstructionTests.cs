namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>Where offset 0 and the headers are for each way of making a <see cref="Packet"/>.</summary>
public sealed class PacketConstructionTests
{
    private static readonly byte[] s_frame = TestFrames.Ipv4Tcp;

    [Fact]
    public void A_link_packet_starts_at_the_ethernet_header_with_the_network_header_at_14()
    {
        var packet = new Packet(s_frame);

        packet.Start.ShouldBe(PacketStart.Link);
        packet.U16(12).ShouldBe(EtherType.IPv4);
        packet.Ethernet.Type.ShouldBe(EtherType.IPv4);
        packet.Ipv4.Ttl.ShouldBe(packet.U8(22));
        Packet.FromFrame(s_frame, PacketStart.Link).ToString().ShouldBe(packet.ToString());
    }

    [Fact]
    public void A_network_packet_from_a_frame_starts_at_byte_14_and_keeps_the_ethernet_header_before_it()
    {
        var packet = Packet.FromFrame(s_frame, PacketStart.Network);

        packet.Start.ShouldBe(PacketStart.Network);
        packet.U8(0).ShouldBe((byte)0x46);
        packet.Ipv4.Ihl.ShouldBe((byte)6);
        packet.Ethernet.Source.ShouldBe(0x66778899aabbUL);
        packet.ToString().ShouldBe($"Network packet [72] {Convert.ToHexString(s_frame[14..])} (Ethernet header before offset 0: {Convert.ToHexString(s_frame[..14])})");
    }

    [Fact]
    public void A_network_packet_of_ip_bytes_has_no_ethernet_header()
    {
        var packet = new Packet(s_frame[14..], PacketStart.Network);

        packet.Start.ShouldBe(PacketStart.Network);
        packet.Length.ShouldBe(72);
        packet.Ipv4.Tcp.DestinationPort.ShouldBe((ushort)443);
        packet.Ethernet.Type.ShouldBe((ushort)0);
        packet.Ethernet.Vlans(8).Count.ShouldBe(0);
        packet.Ethernet.Ipv4.Version.ShouldBe((byte)0, "a view after an absent header is absent too");
        packet.ToString().ShouldBe($"Network packet [72] {Convert.ToHexString(s_frame[14..])}");
    }

    [Fact]
    public void A_payload_packet_reads_bytes_but_has_no_headers()
    {
        var packet = new Packet(s_frame, PacketStart.Payload);

        packet.Start.ShouldBe(PacketStart.Payload);
        packet.U32(0).ShouldBe(0x00112233u);
        packet.Ethernet.Destination.ShouldBe(0UL);
        packet.Ipv4.Version.ShouldBe((byte)0);
        packet.Ipv6.Tcp.SourcePort.ShouldBe((ushort)0);
    }

    [Fact]
    public void The_default_packet_is_empty()
    {
        var packet = default(Packet);

        packet.Start.ShouldBe(PacketStart.Link);
        packet.Length.ShouldBe(0);
        packet.U64(0).ShouldBe(0UL);
        packet.StartsWith(0, "a").ShouldBeFalse();
        packet.Ethernet.Vlans(1).Count.ShouldBe(0);
        packet.ToString().ShouldBe("Link packet [0] ");
        new SkBuff().Packet.Length.ShouldBe(0);
        new XdpMd().Packet.Length.ShouldBe(0);
    }

    [Fact]
    public void A_packet_copies_its_bytes()
    {
        var bytes = s_frame.ToArray();
        var link = new Packet(bytes);
        var network = Packet.FromFrame(bytes, PacketStart.Network);

        bytes.AsSpan().Clear();

        link.Ethernet.Type.ShouldBe(EtherType.IPv4);
        network.Ipv4.Version.ShouldBe((byte)4);
    }

    [Fact]
    public void A_short_link_packet_has_no_ethernet_header_but_raw_reads_still_read()
    {
        var packet = new Packet(s_frame[..13]);

        packet.Ethernet.IsPresent.ShouldBeFalse();
        packet.Ethernet.Source.ShouldBe(0UL, "a header cut short is absent, every field 0");
        packet.U16(10).ShouldBe((ushort)0xaabb, "raw reads stay byte-granular");
        packet.U16(12).ShouldBe((ushort)0);
        packet.Ipv4.Version.ShouldBe((byte)0);
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        Should.Throw<ArgumentNullException>(() => new Packet(null!));
        Should.Throw<ArgumentNullException>(() => Packet.FromFrame(null!, PacketStart.Link));
        Should.Throw<ArgumentOutOfRangeException>(() => new Packet(s_frame, (PacketStart)3));
        Should.Throw<ArgumentOutOfRangeException>(() => Packet.FromFrame(s_frame, (PacketStart)3));
        Should.Throw<ArgumentException>(() => Packet.FromFrame(s_frame[..13], PacketStart.Network)).Message.ShouldContain("at least an Ethernet header");
        Should.Throw<ArgumentException>(() => Packet.FromFrame(s_frame, PacketStart.Payload)).Message.ShouldContain("new Packet(data, PacketStart.Payload)");
        Packet.FromFrame(s_frame[..14], PacketStart.Network).Length.ShouldBe(0);
        Packet.FromFrame(s_frame[..3], PacketStart.Link).Length.ShouldBe(3);
    }
}
