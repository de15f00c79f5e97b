namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// Hand-built frames for the packet view tests, written out byte by byte (independent of the code
/// under test). Every field the tests read is non-zero somewhere, so a read that wrongly gives 0 shows.
/// </summary>
internal static class TestFrames
{
    /// <summary>
    /// IPv4 with 4 bytes of options (IHL 6), TCP with 12 bytes of options (data offset 8), then
    /// "GET / HTTP/1.1\r\n": Ethernet 0..13, IPv4 14..37, TCP 38..69, payload 70..85.
    /// </summary>
    public static byte[] Ipv4Tcp { get; } = Hex(
        "001122334455", "66778899aabb", "0800",                 // Ethernet: dst, src, IPv4
        "46", "b9", "0048", "1234", "7abc", "40", "06", "beef",  // IHL 6, DSCP 46 ECN 1, length 72, id, DF+MF offset 0x1abc, TTL 64, TCP, checksum
        "0a000001", "c0a801c8", "01010100",                      // 10.0.0.1 -> 192.168.1.200, options NOP NOP NOP EOL
        "3039", "01bb", "01020304", "a0b0c0d0", "80", "12", "7210", "0000", "0000", // 12345 -> 443, seq, ack, offset 8, SYN+ACK, window 29200
        "020405b4", "01010402", "01030307",                      // MSS 1460, NOP NOP SACK-permitted, NOP window scale 7
        "474554202f20485454502f312e310d0a");                     // GET / HTTP/1.1\r\n

    /// <summary>IPv6 (traffic class 0xab, flow label 0xcdef1) and UDP 53 -> 33000: Ethernet 0..13, IPv6 14..53, UDP 54..61, payload 62..65.</summary>
    public static byte[] Ipv6Udp { get; } = Hex(
        "020000000001", "020000000002", "86dd",
        "6abcdef1", "000c", "11", "ff",                          // version 6, TC 0xab, flow 0xcdef1, payload 12, UDP, hop limit 255
        "20010db8000000000000000000000001",                      // 2001:db8::1
        "fe80000000000000123456789abcdef0",                      // fe80::1234:5678:9abc:def0
        "0035", "80e8", "000c", "abcd",                          // 53 -> 33000, length 12, checksum
        "deadbeef");

    /// <summary>
    /// One 802.1Q tag (priority 5, drop eligible, id 100), IPv4 without options (more fragments) and
    /// ICMP type 3 code 13: Ethernet 0..17 (tag 12..15), IPv4 18..37, ICMP 38..45.
    /// </summary>
    public static byte[] VlanIpv4Icmp { get; } = Hex(
        "ffffffffffff", "00005e005301", "8100", "b064", "0800",
        "45", "00", "001c", "0001", "2000", "01", "01", "0000",  // IHL 5, length 28, MF, TTL 1, ICMP
        "c0000201", "c6336402",                                  // 192.0.2.1 -> 198.51.100.2
        "030dfcf2", "00000000");                                 // type 3 code 13, checksum

    /// <summary>
    /// QinQ: an 802.1AD tag (id 10) then an 802.1Q tag (priority 3, id 20), IPv6 and an ICMPv6 echo
    /// request: Ethernet 0..21 (tags 12..15, 16..19), IPv6 22..61, ICMPv6 62..69.
    /// </summary>
    public static byte[] QinQIpv6Icmpv6 { get; } = Hex(
        "0180c200000e", "001b213c4d5e", "88a8", "000a", "8100", "6014", "86dd",
        "60123456", "0008", "3a", "40",                          // TC 0x01, flow 0x23456, payload 8, ICMPv6, hop limit 64
        "fe800000000000000000000000000001",                      // fe80::1
        "ff020000000000000000000000000001",                      // ff02::1
        "80001234", "00070009");                                 // echo request, checksum 0x1234, id 7, seq 9

    /// <summary>The frames by name.</summary>
    public static IReadOnlyDictionary<string, byte[]> All { get; } = new Dictionary<string, byte[]>
    {
        [nameof(Ipv4Tcp)] = Ipv4Tcp,
        [nameof(Ipv6Udp)] = Ipv6Udp,
        [nameof(VlanIpv4Icmp)] = VlanIpv4Icmp,
        [nameof(QinQIpv6Icmpv6)] = QinQIpv6Icmpv6,
    };

    /// <summary>The bytes of hex strings, concatenated.</summary>
    public static byte[] Hex(params string[] parts) => Convert.FromHexString(string.Concat(parts));
}
