using System.Reflection;
using System.Text.RegularExpressions;

namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// Every field of every header view (<see cref="FieldRows"/>) on hand-built frames: its value, 0 for
/// exactly the cuts of the frame that leave out one of its bytes, and 0 where the packet has no such
/// header. Each row runs on a <see cref="PacketStart.Link"/> packet (tc, XDP) and on the
/// <see cref="PacketStart.Network"/> packet of the same frame (socket filter, cgroup_skb), where the
/// views sit on the same bytes.
/// </summary>
public sealed class PacketViewTests
{
    public static TheoryData<string> Rows => new(FieldRows.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_field_reads_its_value_from_the_frame_at_either_start(string name)
    {
        var row = FieldRows.All[name];

        row.Read(new Packet(row.Bytes)).ShouldBe(row.Expected, "link");
        row.Read(Packet.FromFrame(row.Bytes, PacketStart.Network)).ShouldBe(row.Expected, "network");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_field_reads_0_exactly_when_the_frame_is_cut_before_its_last_byte(string name)
    {
        var row = FieldRows.All[name];

        for (var length = 0; length <= row.Bytes.Length; length++)
        {
            var cut = row.Bytes[..length];
            row.Read(new Packet(cut)).ShouldBe(row.ExpectedAt(length), $"link, cut to {length} bytes");
            if (length >= 14)
            {
                row.Read(Packet.FromFrame(cut, PacketStart.Network)).ShouldBe(row.ExpectedAt(length), $"network, cut to {length} bytes");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Without_a_link_header_the_ethernet_view_reads_0_and_the_network_views_still_read(string name)
    {
        var row = FieldRows.All[name];

        var packet = new Packet(row.Bytes[14..], PacketStart.Network);

        row.Read(packet).ShouldBe(row.ThroughLink ? 0 : row.Expected);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_payload_packet_and_the_default_packet_have_no_headers(string name)
    {
        var row = FieldRows.All[name];

        row.Read(new Packet(row.Bytes, PacketStart.Payload)).ShouldBe(0UL, "payload");
        row.Read(default).ShouldBe(0UL, "default");
    }

    [Fact]
    public void The_frames_are_as_long_as_their_layouts_say()
    {
        TestFrames.Ipv4Tcp.Length.ShouldBe(86);
        TestFrames.Ipv6Udp.Length.ShouldBe(66);
        TestFrames.VlanIpv4Icmp.Length.ShouldBe(46);
        TestFrames.QinQIpv6Icmpv6.Length.ShouldBe(70);
    }

    [Fact]
    public void The_rows_read_every_member_of_every_view()
    {
        // How each view appears in a row's path: "Ethernet.Vlans(2).Tag(1).Id" reads VlanTag.Id.
        var views = new Dictionary<Type, string>
        {
            [typeof(Ethernet)] = "Ethernet", [typeof(VlanTags)] = @"Vlans\(\d\)", [typeof(VlanTag)] = @"Tag\(\d\)",
            [typeof(Ipv4)] = "Ipv4", [typeof(Ipv6)] = "Ipv6", [typeof(Tcp)] = "Tcp", [typeof(Udp)] = "Udp", [typeof(Icmp)] = "Icmp(v6)?",
        };
        var fields = FieldRows.All.Values.Select(r => r.Field).ToList();

        var unread =
            from view in views
            from member in view.Key.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            where member is PropertyInfo || (member is MethodInfo m && !m.IsSpecialName)
            let name = $"{view.Key.Name}.{member.Name}"
            let pattern = new Regex($@"(^|\.){view.Value}\.{member.Name}\b")
            where !fields.Any(pattern.IsMatch)
            select name;

        unread.ShouldBeEmpty();
    }
}
