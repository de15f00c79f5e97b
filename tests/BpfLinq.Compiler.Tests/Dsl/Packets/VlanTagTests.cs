namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>How many tags <see cref="Ethernet.Vlans"/> skips, the tags it reports and the bounds on its arguments.</summary>
public sealed class VlanTagTests
{
    public static TheoryData<string, int, int> Counts => new()
    {
        { nameof(TestFrames.Ipv4Tcp), 1, 0 },
        { nameof(TestFrames.Ipv4Tcp), 8, 0 },
        { nameof(TestFrames.VlanIpv4Icmp), 1, 1 },
        { nameof(TestFrames.VlanIpv4Icmp), 8, 1 },
        { nameof(TestFrames.QinQIpv6Icmpv6), 1, 1 },
        { nameof(TestFrames.QinQIpv6Icmpv6), 2, 2 },
        { nameof(TestFrames.QinQIpv6Icmpv6), 8, 2 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Vlans_skips_the_tags_present_up_to_its_bound(string frame, int maxTags, int count) =>
        new Packet(TestFrames.All[frame]).Ethernet.Vlans(maxTags).Count.ShouldBe(count);

    [Fact]
    public void A_cut_frame_loses_a_tag_when_the_header_with_it_is_not_whole()
    {
        // Tag i counts when the 18 + 4i bytes up to the EtherType after it are there.
        var frame = TestFrames.QinQIpv6Icmpv6;
        for (var length = 0; length <= frame.Length; length++)
        {
            var expected = length < 18 ? 0 : length < 22 ? 1 : 2;
            new Packet(frame[..length]).Ethernet.Vlans(8).Count.ShouldBe(expected, $"cut to {length}");
        }
    }

    [Fact]
    public void Eight_tags_are_the_most_skipped_and_the_type_after_them_may_be_another_tpid()
    {
        // Nine tags, alternately 802.1AD and 802.1Q, with ids 1 to 9.
        var frame = TestFrames.Hex(
            "000000000001", "000000000002",
            string.Concat(Enumerable.Range(0, 9).Select(i => $"{(i % 2 == 0 ? "88a8" : "8100")}{i + 1:x4}")),
            "0800", "45");
        var tags = new Packet(frame).Ethernet.Vlans(8);

        tags.Count.ShouldBe(8);
        tags.Type.ShouldBe(EtherType.QinQ);
        tags.Tag(7).Id.ShouldBe((ushort)8);
        tags.Tag(8).Tci.ShouldBe((ushort)0, "the ninth tag was not skipped");
        // The IPv4 view sits after 8 tags: on the ninth tag's TCI (0x0009), IHL 0: not an IPv4 header.
        tags.Ipv4.IsPresent.ShouldBeFalse();
        tags.Ipv4.TotalLength.ShouldBe((ushort)0);
        new Packet(frame).U16(48).ShouldBe(EtherType.IPv4, "the bytes are there; the header is not");
    }

    [Fact]
    public void A_tag_at_or_past_the_count_is_all_zero()
    {
        var tags = new Packet(TestFrames.VlanIpv4Icmp).Ethernet.Vlans(8);

        tags.Tag(0).Id.ShouldBe((ushort)100);
        var missing = tags.Tag(1);
        missing.Tci.ShouldBe((ushort)0);
        missing.Id.ShouldBe((ushort)0);
        missing.Priority.ShouldBe((byte)0);
        missing.DropEligible.ShouldBeFalse();
        tags.Tag(100).Tci.ShouldBe((ushort)0);
        new Packet(TestFrames.QinQIpv6Icmpv6).Ethernet.Vlans(1).Tag(1).Tci.ShouldBe((ushort)0, "tag 1 is there but was not skipped");
    }

    [Theory]
    [InlineData(0xffff, 0xfff, 7, true)]
    [InlineData(0x1000, 0, 0, true)]
    [InlineData(0xe000, 0, 7, false)]
    [InlineData(0x2fff, 0xfff, 1, false)]
    [InlineData(0x0001, 1, 0, false)]
    public void The_tci_splits_into_priority_drop_eligible_and_id(int tci, int id, int priority, bool dropEligible)
    {
        var tag = new Packet(TestFrames.Hex("000000000001", "000000000002", "8100", $"{tci:x4}", "0800")).Ethernet.Vlans(1).Tag(0);

        tag.Tci.ShouldBe((ushort)tci);
        tag.Id.ShouldBe((ushort)id);
        tag.Priority.ShouldBe((byte)priority);
        tag.DropEligible.ShouldBe(dropEligible);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9)]
    [InlineData(int.MaxValue)]
    public void Vlans_takes_1_to_8_tags(int maxTags) =>
        Should.Throw<ArgumentOutOfRangeException>(() => default(Packet).Ethernet.Vlans(maxTags)).ParamName.ShouldBe("maxTags");

    [Fact]
    public void A_negative_tag_index_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Packet(TestFrames.VlanIpv4Icmp).Ethernet.Vlans(1).Tag(-1)).ParamName.ShouldBe("index");
}
