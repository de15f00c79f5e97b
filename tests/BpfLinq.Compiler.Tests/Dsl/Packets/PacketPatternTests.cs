namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary><see cref="Packet.StartsWith"/> and <see cref="Packet.Matches"/> on the IPv4/TCP frame, whose payload "GET / HTTP/1.1\r\n" is at frame offset 70.</summary>
public sealed class PacketPatternTests
{
    private static readonly Packet s_link = new(TestFrames.Ipv4Tcp);
    private static readonly Packet s_network = Packet.FromFrame(TestFrames.Ipv4Tcp, PacketStart.Network);

    public static TheoryData<PacketStart, int, string, bool> Strings => new()
    {
        { PacketStart.Link, 70, "GET ", true },
        { PacketStart.Link, 70, "GET / HTTP/1.1\r\n", true },
        { PacketStart.Link, 70, "POST", false },
        { PacketStart.Link, 71, "ET /", true },
        { PacketStart.Link, 70, "get ", false },
        { PacketStart.Link, 84, "\r\n", true },
        { PacketStart.Link, 85, "\n\n", false },      // the second byte is beyond the end
        { PacketStart.Link, 86, "x", false },
        { PacketStart.Link, -1, "\0", false },
        { PacketStart.Link, int.MaxValue, "x", false },
        { PacketStart.Link, 70, new string('G', 64), false },
        { PacketStart.Network, 56, "GET ", true },
        { PacketStart.Network, 70, "GET ", false },
        { PacketStart.Network, 71, "\n", true },
        { PacketStart.Network, -14, "\0\x11", false },  // the Ethernet header is not at negative offsets
    };

    public static TheoryData<PacketStart, int, byte[], bool> Arrays => new()
    {
        { PacketStart.Link, 0, [0x00, 0x11, 0x22, 0x33, 0x44, 0x55], true },
        { PacketStart.Link, 30, [0xc0, 0xa8, 0x01, 0xc8], true },
        { PacketStart.Link, 30, [0xc0, 0xa8, 0x01, 0xc9], false },
        { PacketStart.Link, 85, [0x0a], true },
        { PacketStart.Link, 85, [0x0a, 0x00], false },
        { PacketStart.Link, -1, [0x00], false },
        { PacketStart.Network, 16, [0xc0, 0xa8, 0x01, 0xc8], true },
        { PacketStart.Network, 0, [0x46, 0xb9], true },
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void StartsWith_compares_ascii_bytes_and_is_false_beyond_the_end(PacketStart start, int offset, string ascii, bool expected) =>
        Of(start).StartsWith(offset, ascii).ShouldBe(expected);

    [Theory]
    [MemberData(nameof(Arrays))]
    public void Matches_compares_bytes_and_is_false_beyond_the_end(PacketStart start, int offset, byte[] bytes, bool expected) =>
        Of(start).Matches(offset, bytes).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("é")]
    [InlineData("GET \u0080")]
    [InlineData("€")]
    public void StartsWith_refuses_empty_and_non_ascii_strings_wherever_it_looks(string ascii)
    {
        Should.Throw<ArgumentException>(() => s_link.StartsWith(70, ascii)).ParamName.ShouldBe("ascii");
        Should.Throw<ArgumentException>(() => s_link.StartsWith(-1, ascii)).ParamName.ShouldBe("ascii");
    }

    [Fact]
    public void Patterns_hold_1_to_64_bytes()
    {
        Should.Throw<ArgumentException>(() => s_link.StartsWith(0, new string('a', 65)));
        Should.Throw<ArgumentException>(() => s_link.Matches(0, new byte[65]));
        Should.Throw<ArgumentException>(() => s_link.Matches(0, []));
        Should.Throw<ArgumentNullException>(() => s_link.StartsWith(0, null!));
        Should.Throw<ArgumentNullException>(() => s_link.Matches(0, null!));
        s_link.Matches(22, TestFrames.Ipv4Tcp[22..86]).ShouldBeTrue();
        s_link.StartsWith(0, new string('a', 64)).ShouldBeFalse();
    }

    private static Packet Of(PacketStart start) => start == PacketStart.Link ? s_link : s_network;
}
