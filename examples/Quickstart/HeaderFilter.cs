using BpfLinq;
using BpfLinq.Runtime;

namespace Quickstart;

/// <summary>
/// A packet filter written as a LINQ query over the headers — DNS queries over IPv4, VLAN tags
/// skipped — compiled for XDP, loaded, and run with BPF_PROG_TEST_RUN on a few frames next to the
/// managed model's answer.
/// </summary>
public static class HeaderFilter
{
    /// <summary>The filter: UDP to port 53 over IPv4, after up to two VLAN tags.</summary>
    public static BpfFilter<XdpMd> Filter { get; } = Bpf.Filter(
        from xdp in Bpf.Packets<XdpMd>()
        let tags = xdp.Packet.Ethernet.Vlans(2)
        where tags.Type == EtherType.IPv4
        where tags.Ipv4.Protocol == IpProtocol.Udp
        where tags.Ipv4.Udp.DestinationPort == 53
        select xdp);

    /// <summary>Named frames to run it on.</summary>
    public static IReadOnlyList<(string Name, byte[] Frame)> Frames { get; } =
    [
        ("DNS query", Ipv4(protocol: 17, port: 53, vlan: false)),
        ("DNS query on VLAN 100", Ipv4(protocol: 17, port: 53, vlan: true)),
        ("HTTPS SYN", Ipv4(protocol: 6, port: 443, vlan: false)),
        ("DNS query cut after the IP header", Ipv4(protocol: 17, port: 53, vlan: false)[..34]),
    ];

    /// <summary>Runs the filter in the kernel on each frame: the XDP verdict, and what the managed model says.</summary>
    public static IEnumerable<(string Name, Verdict Kernel, Verdict Managed)> Run()
    {
        using var program = Filter.Load(ProgramKind.Xdp);
        var results = new List<(string, Verdict, Verdict)>();
        foreach (var (name, frame) in Frames)
        {
            var kernel = program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue;
            var managed = Filter.EvaluateTestRun(frame, kind: ProgramKind.Xdp);
            results.Add((name, VerdictOf(kernel), VerdictOf(managed)));
        }
        return results;
    }

    private static Verdict VerdictOf(long xdpAction) => xdpAction == Verdict.Pass.ToReturnValue(ProgramKind.Xdp) ? Verdict.Pass : Verdict.Drop;

    // Ethernet (+ 802.1Q tag), IPv4 from 10.0.0.1 to 10.0.0.53, then 8 bytes of UDP or 20 of TCP.
    private static byte[] Ipv4(byte protocol, ushort port, bool vlan)
    {
        byte[] ethernet = vlan
            ? [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x81, 0x00, 0x00, 100, 0x08, 0x00]
            : [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
        var transport = new byte[protocol == 6 ? 20 : 8];
        (transport[0], transport[1], transport[2], transport[3]) = (0xc0, 0x01, (byte)(port >> 8), (byte)port);
        byte[] ip = [0x45, 0, 0, (byte)(20 + transport.Length), 0, 1, 0x40, 0, 64, protocol, 0, 0, 10, 0, 0, 1, 10, 0, 0, 53];
        return [.. ethernet, .. ip, .. transport];
    }
}
