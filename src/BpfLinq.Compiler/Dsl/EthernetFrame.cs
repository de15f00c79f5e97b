using System.Buffers.Binary;

namespace BpfLinq;

/// <summary>
/// What the kernel's <c>eth_type_trans()</c> makes of a frame before a test run: the packet type from
/// the destination MAC against the device, and the protocol from the EtherType field.
/// </summary>
internal static class EthernetFrame
{
    /// <summary>The Ethernet header length (<c>ETH_HLEN</c>).</summary>
    public const int HeaderLength = 14;

    /// <summary><c>ETH_P_IP</c>.</summary>
    public const ushort EtherTypeIPv4 = 0x0800;

    /// <summary><c>ETH_P_IPV6</c>.</summary>
    public const ushort EtherTypeIPv6 = 0x86dd;

    /// <summary><c>sizeof(struct iphdr)</c> without options.</summary>
    public const int IPv4HeaderLength = 20;

    /// <summary><c>sizeof(struct ipv6hdr)</c>.</summary>
    public const int IPv6HeaderLength = 40;

    /// <summary><c>PACKET_HOST</c>, <c>PACKET_BROADCAST</c>, <c>PACKET_MULTICAST</c>, <c>PACKET_OTHERHOST</c>.</summary>
    public const uint PacketHost = 0, PacketBroadcast = 1, PacketMulticast = 2, PacketOtherHost = 3;

    /// <summary>The EtherType field (host order), bytes 12–13 of the frame.</summary>
    public static ushort EtherType(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);

    /// <summary>
    /// <c>skb-&gt;pkt_type</c>: HOST when the destination is the device's address; otherwise, for a
    /// group address (low bit of the first byte), BROADCAST when it equals the device's broadcast
    /// address and MULTICAST when not; OTHERHOST for any other unicast address. On loopback the
    /// broadcast address is all zeros, so ff:ff:ff:ff:ff:ff is MULTICAST there.
    /// </summary>
    public static uint PacketType(ReadOnlySpan<byte> frame, TestRunDevice device)
    {
        var destination = frame[..6];
        if (destination.SequenceEqual(device.Address))
        {
            return PacketHost;
        }
        if ((destination[0] & 1) != 0)
        {
            return destination.SequenceEqual(device.Broadcast) ? PacketBroadcast : PacketMulticast;
        }
        return PacketOtherHost;
    }

    /// <summary>
    /// <c>skb-&gt;protocol</c> (network order, as the program reads it): the EtherType when it is one
    /// (high byte at least 0x06, <c>ETH_P_802_3_MIN</c>); for an 802.3 length field, <c>ETH_P_802_3</c>
    /// when the payload starts with 0xFFFF (Novell raw IPX) and <c>ETH_P_802_2</c> otherwise,
    /// including when there is no payload to look at.
    /// </summary>
    public static ushort Protocol(ReadOnlySpan<byte> frame)
    {
        ushort etherType = EtherType(frame);
        ushort hostOrder = (etherType >> 8) >= 0x06 ? etherType
            : frame.Length >= HeaderLength + 2 && frame[HeaderLength] == 0xff && frame[HeaderLength + 1] == 0xff ? (ushort)0x0001
            : (ushort)0x0004;
        return BinaryPrimitives.ReverseEndianness(hostOrder);
    }

    /// <summary>
    /// The shortest frame the kernel accepts for a test run of an skb program: an Ethernet header, plus
    /// a whole IPv4 or IPv6 header when the EtherType announces one.
    /// </summary>
    public static int MinimumSkbFrameLength(ushort etherType) => etherType switch
    {
        EtherTypeIPv4 => HeaderLength + IPv4HeaderLength,
        EtherTypeIPv6 => HeaderLength + IPv6HeaderLength,
        _ => HeaderLength,
    };
}
