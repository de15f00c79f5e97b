using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Golden;
using BpfLinq.Testing;
using Xunit.Abstractions;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Packets;

/// <summary>
/// Header views are header-granular: a header cut short or malformed (IHL or data offset below 5, or
/// declaring more than the packet holds) is absent, every field 0, <c>IsPresent</c> false. Each
/// filter is written as a newcomer writes it from a one-line specification; each crafted frame states
/// the verdict the specification wants, and every kind that can run the frame must return it, as
/// <c>Evaluate</c> must.
/// </summary>
public sealed class HeaderPresenceKernelTests(ITestOutputHelper output)
{
    // "Pass TCP over IPv4, drop everything else."
    private static readonly Expression<Func<SkBuff, Verdict>> s_tcpOnly = skb => skb.Packet.Ipv4.Protocol == IpProtocol.Tcp ? Pass : Drop;

    // "Drop TCP to port 80 over IPv4."
    private static readonly Expression<Func<SkBuff, Verdict>> s_noWeb = skb => skb.Packet.Ipv4.Tcp.DestinationPort == 80 ? Drop : Pass;

    // "Pass frames whose IPv4 and TCP headers are both whole."
    private static readonly Expression<Func<SkBuff, Verdict>> s_whole = skb => skb.Packet.Ipv4.IsPresent && skb.Packet.Ipv4.Tcp.IsPresent ? Pass : Drop;

    // "Pass 802.1Q-tagged frames of VLAN 0 (priority tags)."
    private static readonly Expression<Func<SkBuff, Verdict>> s_priorityTagged = skb => skb.Packet.Ethernet.Vlans(1).Tag(0).IsPresent && skb.Packet.Ethernet.Vlans(1).Tag(0).Id == 0 ? Pass : Drop;

    public static TheoryData<string> Names { get; } = new(Cases().Select(c => c.Name));

    [KernelTheory]
    [MemberData(nameof(Names))]
    public void A_truncated_or_malformed_header_is_absent_in_every_kind_and_in_Evaluate(string name)
    {
        var (_, lambda, frame, wanted) = Cases().Single(c => c.Name == name);
        var filter = Bpf.Filter(lambda);
        var xdp = Bpf.Filter(PacketPredicates.XdpTwin(lambda));
        var input = TestRunInput.OfFrame(frame);
        var ran = 0;
        foreach (var kind in new[] { ProgramKind.Xdp, ProgramKind.Tc, ProgramKind.SocketFilter, ProgramKind.CgroupSkb })
        {
            if (input.Refusal(kind) is { } refusal)
            {
                output.WriteLine($"{kind}: not run ({refusal})");
                continue;
            }
            var compiled = kind == ProgramKind.Xdp ? xdp.Compile(kind, GoldenCase.GoldenOptions) : filter.Compile(kind, GoldenCase.GoldenOptions);
            var expected = kind == ProgramKind.Xdp ? xdp.Evaluate((XdpMd)input.Predict(kind), kind) : filter.Evaluate((SkBuff)input.Predict(kind), kind);
            expected.ShouldBe(wanted.ToReturnValue(kind), $"Evaluate as {kind}");
            using var program = KernelHarness.Load(kind, compiled.Instructions.ToArray());
            KernelHarness.Run(program, kind, input).ShouldBe((uint)expected, $"{name} as {kind}\n{compiled.Disassemble()}");
            ran++;
        }
        ran.ShouldBeGreaterThan(0);
    }

    private static IEnumerable<(string Name, Expression<Func<SkBuff, Verdict>> Lambda, byte[] Frame, Verdict Wanted)> Cases()
    {
        var tcp = Ipv4Tcp(ihl: 5, dataOffset: 5, port: 80);
        yield return ("a whole TCP frame is TCP", s_tcpOnly, tcp, Pass);
        yield return ("a 24-byte frame whose protocol byte says TCP is not", s_tcpOnly, tcp[..24], Drop);
        yield return ("an IPv4 header cut one byte short is not", s_tcpOnly, tcp[..33], Drop);
        yield return ("IHL 4 is not an IPv4 header", s_tcpOnly, Ipv4Tcp(ihl: 4, dataOffset: 5, port: 80), Drop);
        yield return ("IHL 15 on a 54-byte frame is cut short", s_tcpOnly, Ipv4Tcp(ihl: 15, dataOffset: 5, port: 80)[..54], Drop);
        yield return ("port 80 in a whole header is dropped", s_noWeb, tcp, Drop);
        yield return ("port 80 in a TCP header cut short is not read", s_noWeb, tcp[..53], Pass);
        yield return ("port 80 under data offset 4 is not read", s_noWeb, Ipv4Tcp(ihl: 5, dataOffset: 4, port: 80), Pass);
        yield return ("port 80 under data offset 15 past the end is not read", s_noWeb, Ipv4Tcp(ihl: 5, dataOffset: 15, port: 80), Pass);
        yield return ("port 80 after IP options is read", s_noWeb, Ipv4Tcp(ihl: 7, dataOffset: 6, port: 80), Drop);
        yield return ("port 80 after IHL 4 is not read", s_noWeb, Ipv4Tcp(ihl: 4, dataOffset: 5, port: 80), Pass);
        yield return ("port 80 after an IHL-15 header cut short is not read", s_noWeb, Ipv4Tcp(ihl: 15, dataOffset: 5, port: 80)[..90], Pass);
        yield return ("whole headers are present", s_whole, Ipv4Tcp(ihl: 6, dataOffset: 8, port: 22), Pass);
        yield return ("TCP options cut short are absent", s_whole, Ipv4Tcp(ihl: 5, dataOffset: 8, port: 22)[..60], Drop);
        var tagged = Tagged(vlan: 0);
        yield return ("a priority tag is a present tag of VLAN 0", s_priorityTagged, tagged, Pass);
        yield return ("a tag cut before its EtherType is absent", s_priorityTagged, tagged[..17], Drop);
        yield return ("an untagged frame has no tag 0", s_priorityTagged, tcp, Drop);
    }

    // Ethernet, IPv4 (IHL as given, the header 20 bytes or IHL · 4, whichever is more), TCP (the
    // data offset as given, 20 bytes or offset · 4) to `port`, 8 bytes of payload.
    private static byte[] Ipv4Tcp(int ihl, int dataOffset, ushort port)
    {
        var ip = new byte[Math.Max(20, ihl * 4)];
        ip[0] = (byte)(0x40 | ihl);
        ip[8] = 64;
        ip[9] = IpProtocol.Tcp;
        var tcpHeader = new byte[Math.Max(20, Math.Min(dataOffset, 8) * 4)];
        (tcpHeader[2], tcpHeader[3]) = ((byte)(port >> 8), (byte)port);
        tcpHeader[12] = (byte)(dataOffset << 4);
        byte[] ethernet = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00];
        var total = ip.Length + tcpHeader.Length + 8;
        (ip[2], ip[3]) = ((byte)(total >> 8), (byte)total);
        return [.. ethernet, .. ip, .. tcpHeader, .. new byte[8]];
    }

    // An 802.1Q tag of `vlan` (priority 0) before an IPv4 TCP frame.
    private static byte[] Tagged(int vlan)
    {
        var inner = Ipv4Tcp(ihl: 5, dataOffset: 5, port: 443);
        return [.. inner[..12], 0x81, 0x00, (byte)(vlan >> 8), (byte)vlan, .. inner[12..]];
    }
}
