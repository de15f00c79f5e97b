using System.Net;

namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// Address and network comparisons of the IP views, the port range, and the bit fields of the IPv4
/// fragment word and the TCP flags. IPv4/TCP frame: 10.0.0.1 -> 192.168.1.200; IPv6/UDP frame:
/// 2001:db8::1 -> fe80::1234:5678:9abc:def0.
/// </summary>
public sealed class PacketAddressTests
{
    private static readonly Ipv4 s_v4 = new Packet(TestFrames.Ipv4Tcp).Ipv4;
    private static readonly Ipv6 s_v6 = new Packet(TestFrames.Ipv6Udp).Ipv6;

    public static TheoryData<string, bool, bool> V4Networks => new()
    {
        // network, source in it, destination in it
        { "0.0.0.0/0", true, true },
        { "10.0.0.0/8", true, false },
        { "11.0.0.0/8", false, false },
        { "8.0.0.0/6", true, false },
        { "8.0.0.0/7", false, false },
        { "10.0.0.0/31", true, false },
        { "10.0.0.0/32", false, false },
        { "10.0.0.1/32", true, false },
        { "128.0.0.0/1", false, true },
        { "192.168.1.192/26", false, true },
        { "192.168.1.128/26", false, false },
        { "192.168.1.200/32", false, true },
        { "192.168.1.201/32", false, false },
    };

    public static TheoryData<string, bool, bool> V6Networks => new()
    {
        { "::/0", true, true },
        { "2000::/3", true, false },
        { "4000::/3", false, false },
        { "2001:db8::/32", true, false },
        { "2001:db9::/32", false, false },
        { "2001:db8::/127", true, false },
        { "2001:db8::/128", false, false },
        { "2001:db8::1/128", true, false },
        { "fe80::/10", false, true },
        { "fe80::/64", false, true },
        { "fe80:0:0:0:1234::/80", false, true },
        { "fe80:0:0:0:1235::/80", false, false },
        { "fe80::1234:5678:9abc:def0/128", false, true },
        { "fe80::1234:5678:9abc:def1/128", false, false },
    };

    [Theory]
    [MemberData(nameof(V4Networks))]
    public void An_ipv4_address_is_in_a_network_when_its_prefix_bits_match(string network, bool source, bool destination)
    {
        s_v4.SourceIn(IPNetwork.Parse(network)).ShouldBe(source);
        s_v4.DestinationIn(IPNetwork.Parse(network)).ShouldBe(destination);
    }

    [Theory]
    [MemberData(nameof(V6Networks))]
    public void An_ipv6_address_is_in_a_network_when_its_prefix_bits_match(string network, bool source, bool destination)
    {
        s_v6.SourceIn(IPNetwork.Parse(network)).ShouldBe(source);
        s_v6.DestinationIn(IPNetwork.Parse(network)).ShouldBe(destination);
    }

    [Fact]
    public void Addresses_compare_whole()
    {
        s_v4.SourceIs(IPAddress.Parse("10.0.0.1")).ShouldBeTrue();
        s_v4.SourceIs(IPAddress.Parse("10.0.0.2")).ShouldBeFalse();
        s_v4.DestinationIs(IPAddress.Parse("192.168.1.200")).ShouldBeTrue();
        s_v4.DestinationIs(IPAddress.Parse("10.0.0.1")).ShouldBeFalse();
        s_v6.SourceIs(IPAddress.Parse("2001:db8::1")).ShouldBeTrue();
        s_v6.SourceIs(IPAddress.Parse("2001:db8::1%3")).ShouldBeTrue("the scope id plays no part");
        s_v6.SourceIs(IPAddress.Parse("2001:db8::2")).ShouldBeFalse();
        s_v6.DestinationIs(IPAddress.Parse("fe80::1234:5678:9abc:def0")).ShouldBeTrue();
        s_v6.DestinationIs(IPAddress.Parse("fe80::1234:5678:9abc:def")).ShouldBeFalse();
    }

    [Fact]
    public void An_address_cut_off_by_the_end_of_the_packet_reads_as_all_zeros()
    {
        var v4 = new Packet(TestFrames.Ipv4Tcp[..29]).Ipv4;   // the source ends at byte 29
        var v6 = new Packet(TestFrames.Ipv6Udp[..30]).Ipv6;   // the source is bytes 22..37

        v4.SourceIs(IPAddress.Any).ShouldBeTrue();
        v4.SourceIn(IPNetwork.Parse("10.0.0.0/8")).ShouldBeFalse();
        v4.SourceIn(IPNetwork.Parse("0.0.0.0/1")).ShouldBeTrue();
        v6.SourceIs(IPAddress.IPv6Any).ShouldBeTrue();
        v6.SourceIn(IPNetwork.Parse("2001:db8::/32")).ShouldBeFalse("the address is one 16-byte read, even where its first 8 bytes are in");
        v6.SourceIn(IPNetwork.Parse("::/1")).ShouldBeTrue();
    }

    [Fact]
    public void Addresses_and_networks_of_the_other_family_are_refused()
    {
        Should.Throw<ArgumentException>(() => s_v4.SourceIs(IPAddress.IPv6Loopback)).ParamName.ShouldBe("address");
        Should.Throw<ArgumentException>(() => s_v4.DestinationIs(IPAddress.Parse("::ffff:10.0.0.1"))).ParamName.ShouldBe("address");
        Should.Throw<ArgumentException>(() => s_v4.SourceIn(IPNetwork.Parse("2001:db8::/32"))).ParamName.ShouldBe("network");
        Should.Throw<ArgumentException>(() => s_v6.SourceIs(IPAddress.Loopback)).ParamName.ShouldBe("address");
        Should.Throw<ArgumentException>(() => s_v6.DestinationIs(IPAddress.Parse("10.0.0.1"))).ParamName.ShouldBe("address");
        Should.Throw<ArgumentException>(() => s_v6.SourceIn(IPNetwork.Parse("10.0.0.0/8"))).ParamName.ShouldBe("network");
        Should.Throw<ArgumentException>(() => s_v6.DestinationIn(IPNetwork.Parse("0.0.0.0/0"))).ParamName.ShouldBe("network");
        Should.Throw<ArgumentException>(() => s_v6.SourceIn(default)).ParamName.ShouldBe("network");
        s_v4.SourceIn(default).ShouldBeTrue("default(IPNetwork) is 0.0.0.0/0");
        Should.Throw<ArgumentNullException>(() => s_v4.SourceIs(null!));
        Should.Throw<ArgumentNullException>(() => s_v6.SourceIs(null!));
    }

    [Theory]
    [InlineData(0x0000, 0, false, false, 0, false)]
    [InlineData(0x4000, 2, true, false, 0, false)]
    [InlineData(0x8000, 4, false, false, 0, false)]
    [InlineData(0xc000, 6, true, false, 0, false)]
    [InlineData(0x2000, 1, false, true, 0, true)]
    [InlineData(0x0001, 0, false, false, 1, true)]
    [InlineData(0x1fff, 0, false, false, 0x1fff, true)]
    [InlineData(0x5234, 2, true, false, 0x1234, true)]
    [InlineData(0xffff, 7, true, true, 0x1fff, true)]
    public void The_fragment_word_splits_into_flags_and_offset(int word, int flags, bool dontFragment, bool moreFragments, int offset, bool isFragment)
    {
        var frame = TestFrames.Ipv4Tcp.ToArray();
        frame[20] = (byte)(word >> 8);
        frame[21] = (byte)word;

        var ip = new Packet(frame).Ipv4;

        ip.Flags.ShouldBe((byte)flags);
        ip.DontFragment.ShouldBe(dontFragment);
        ip.MoreFragments.ShouldBe(moreFragments);
        ip.FragmentOffset.ShouldBe((ushort)offset);
        ip.IsFragment.ShouldBe(isFragment);
    }

    [Theory]
    [InlineData(0x01, "Fin")]
    [InlineData(0x02, "Syn")]
    [InlineData(0x04, "Rst")]
    [InlineData(0x08, "Psh")]
    [InlineData(0x10, "Ack")]
    [InlineData(0x20, "Urg")]
    [InlineData(0x40, "")]
    [InlineData(0x80, "")]
    public void Each_tcp_flag_is_one_bit_of_byte_13(int bit, string flag)
    {
        var frame = TestFrames.Ipv4Tcp.ToArray();
        frame[51] = (byte)bit;

        var tcp = new Packet(frame).Ipv4.Tcp;
        var set = new Dictionary<string, bool> { ["Fin"] = tcp.Fin, ["Syn"] = tcp.Syn, ["Rst"] = tcp.Rst, ["Psh"] = tcp.Psh, ["Ack"] = tcp.Ack, ["Urg"] = tcp.Urg };

        set.Where(f => f.Value).Select(f => f.Key).ShouldBe(flag.Length == 0 ? [] : [flag]);
        tcp.Flags.ShouldBe((byte)bit);
    }

    [Theory]
    [InlineData(80, 443, 79, false)]
    [InlineData(80, 443, 80, true)]
    [InlineData(80, 443, 200, true)]
    [InlineData(80, 443, 443, true)]
    [InlineData(80, 443, 444, false)]
    [InlineData(0, 65535, 0, true)]
    [InlineData(0, 65535, 65535, true)]
    [InlineData(53, 53, 53, true)]
    [InlineData(53, 53, 54, false)]
    [InlineData(443, 80, 200, false)]
    public void A_port_range_contains_both_its_ends(int first, int last, int port, bool contains) =>
        new PortRange((ushort)first, (ushort)last).Contains((ushort)port).ShouldBe(contains);
}
