using System.Runtime.InteropServices;
using BpfLinq;
using BpfLinq.Maps;
using static BpfLinq.Verdict;

namespace NativeAot;

/// <summary>The key of the example's map: a struct, so its layout is read by reflection, which trimming must keep working.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct FlowKey
{
    /// <summary>The IPv4 source address.</summary>
    public uint Source;

    /// <summary>Padding the program leaves zero.</summary>
    public uint Reserved;
}

/// <summary>A tc filter: TCP to port 80 passes and is counted per source address; everything else is dropped.</summary>
public static class WebCounter
{
    /// <summary>10.0.0.1, as <c>Packet.U32</c> reads it (network order).</summary>
    public const uint Client = 0x0a000001;

    /// <summary>The filter, counting in <paramref name="counts"/>.</summary>
    public static BpfFilter<SkBuff> Build(HashMap<FlowKey, ulong> counts) => Bpf.Filter<SkBuff>(skb =>
        skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && skb.Packet.Ipv4.Tcp.DestinationPort == 80
            ? Bpf.Then(counts.Update(new FlowKey { Source = skb.Packet.U32(26) }, counts.GetValueOrDefault(new FlowKey { Source = skb.Packet.U32(26) }) + 1), Pass)
            : Drop);

    /// <summary>Frames to run it on.</summary>
    public static IReadOnlyList<(string Name, byte[] Frame)> Frames { get; } =
    [
        ("TCP to port 80", Ipv4(protocol: 6, port: 80)),
        ("TCP to port 80 again", Ipv4(protocol: 6, port: 80)),
        ("TCP to port 443", Ipv4(protocol: 6, port: 443)),
        ("UDP to port 80", Ipv4(protocol: 17, port: 80)),
    ];

    // Ethernet, IPv4 from 10.0.0.1 to 10.0.0.2, then 20 bytes of TCP or 8 of UDP.
    private static byte[] Ipv4(byte protocol, ushort port)
    {
        byte[] ethernet = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
        var transport = new byte[protocol == 6 ? 20 : 8];
        (transport[0], transport[1], transport[2], transport[3]) = (0xc0, 0x01, (byte)(port >> 8), (byte)port);
        if (protocol == 6)
        {
            transport[12] = 0x50;
        }
        byte[] ip = [0x45, 0, 0, (byte)(20 + transport.Length), 0, 1, 0x40, 0, 64, protocol, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
        return [.. ethernet, .. ip, .. transport];
    }
}
