using System.Linq.Expressions;
using System.Net;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Compiler.Tests.Golden;
using BpfLinq.Testing;
using Xunit.Abstractions;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Packets;

/// <summary>
/// Packet filters over every header view, built for tc, XDP, socket filter and cgroup_skb, loaded
/// (the verifier must accept each) and run on real frames and their truncations: the kernel must
/// return what <c>EvaluateTestRun</c> says. Truncations below a full IP header run as XDP only
/// (this kernel refuses such tc and socket-filter test runs).
/// </summary>
public sealed class PacketFilterKernelTests(ITestOutputHelper output)
{
    private static readonly IPNetwork s_private = IPNetwork.Parse("10.0.0.0/8");
    private static readonly IPNetwork s_documentation6 = IPNetwork.Parse("2001:db8::/32");
    private static readonly IPAddress s_dns6 = IPAddress.Parse("2001:db8::53");
    private static readonly PortRange s_web = new(80, 443);
    private static readonly byte[] s_get = "GET "u8.ToArray();

    private static Dictionary<string, Expression<Func<SkBuff, Verdict>>> Filters { get; } = new()
    {
        ["ipv4 tcp to 80 or 443"] = skb => skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && (skb.Packet.Ipv4.Tcp.DestinationPort == 80 || skb.Packet.Ipv4.Tcp.DestinationPort == 443) ? Pass : Drop,
        ["ethernet type and addresses"] = skb => skb.Packet.Ethernet.Type == EtherType.IPv4 && skb.Packet.Ethernet.Source == 0x020000000001 && skb.Packet.Ethernet.Destination != 0 ? Pass : Drop,
        ["dns over ipv6"] = skb => skb.Packet.Ipv6.NextHeader == IpProtocol.Udp && skb.Packet.Ipv6.Udp.DestinationPort == 53 ? Pass : Drop,
        ["ipv6 address and network"] = skb => skb.Packet.Ipv6.DestinationIs(s_dns6) && skb.Packet.Ipv6.SourceIn(s_documentation6) ? Pass : Drop,
        ["ipv6 fields"] = skb => skb.Packet.Ipv6.FlowLabel == 0x12345 && skb.Packet.Ipv6.HopLimit > 1 && skb.Packet.Ipv6.Version == 6 && skb.Packet.Ipv6.TrafficClass == 0 ? Pass : Drop,
        ["vlan skipping udp"] = skb => skb.Packet.Ethernet.Vlans(2).Type == EtherType.IPv4 && skb.Packet.Ethernet.Vlans(2).Ipv4.Udp.DestinationPort == 53 ? Pass : Drop,
        ["vlan tag fields"] = skb => skb.Packet.Ethernet.Vlans(2).Count == 1 && skb.Packet.Ethernet.Vlans(2).Tag(0).Id == 100 && skb.Packet.Ethernet.Vlans(2).Tag(0).Priority == 5 ? Pass : Drop,
        ["syn without ack in a port range"] = skb => skb.Packet.Ipv4.Tcp.Syn && !skb.Packet.Ipv4.Tcp.Ack && s_web.Contains(skb.Packet.Ipv4.Tcp.DestinationPort) ? Pass : Drop,
        ["ipv4 header fields"] = skb => skb.Packet.Ipv4.Version == 4 && skb.Packet.Ipv4.Ttl > 1 && skb.Packet.Ipv4.DontFragment && !skb.Packet.Ipv4.IsFragment && skb.Packet.Ipv4.Dscp == 0 && skb.Packet.Ipv4.TotalLength > 20 ? Pass : Drop,
        ["source in a network"] = skb => skb.Packet.Ipv4.SourceIn(s_private) && skb.Packet.Ipv4.Destination == 0xC0A80114 ? Pass : Drop,
        ["ihl-dependent header length"] = skb => skb.Packet.Ipv4.HeaderLength + skb.Packet.Ipv4.Tcp.HeaderLength > 40 ? Pass : Drop,
        ["raw reads"] = skb => skb.Packet.U16(12) == 0x0800 && skb.Packet.U32LittleEndian(26) != 0 && skb.Packet.U8(skb.Packet.Length - 1) != 0xee ? Pass : Drop,
        ["a length guard before the ports"] = skb => skb.Packet.Length >= 14 + skb.Packet.Ipv4.HeaderLength + 4 && ((skb.Packet.Ipv4.Tcp.SourcePort ^ skb.Packet.Ipv4.Tcp.DestinationPort) & 3) == 0 ? Pass : Drop,
        ["a length test that drops short packets"] = skb => skb.Packet.Length < 54 ? Drop : skb.Packet.U16(52) == 0 ? Drop : Pass,
        ["payload prefix"] = skb => skb.Packet.StartsWith(14 + skb.Packet.Ipv4.HeaderLength + skb.Packet.Ipv4.Tcp.HeaderLength, "GET ") ? Pass : Drop,
        ["matches a captured array"] = skb => skb.Packet.Matches(54, s_get) || skb.Packet.Ipv4.Icmp.Type == 8 ? Pass : Drop,
    };

    public static TheoryData<string> Names { get; } = new(Filters.Keys);

    [KernelTheory]
    [MemberData(nameof(Names))]
    public void Every_kind_agrees_with_the_managed_model_on_real_frames(string name)
    {
        var filter = Bpf.Filter(Filters[name]);
        var xdp = Bpf.Filter(XdpTwin(Filters[name]));
        foreach (var kind in new[] { ProgramKind.Tc, ProgramKind.SocketFilter, ProgramKind.CgroupSkb, ProgramKind.Xdp })
        {
            var compiled = kind == ProgramKind.Xdp ? xdp.Compile(kind, GoldenCase.GoldenOptions) : filter.Compile(kind, GoldenCase.GoldenOptions);
            output.WriteLine($"{kind}: {compiled.Instructions.ToArray().Length} instructions");
            using var program = KernelHarness.Load(kind, compiled.Instructions.ToArray());
            foreach (var (frameName, input) in Frames(kind))
            {
                var expected = (uint)(kind == ProgramKind.Xdp
                    ? xdp.Evaluate((XdpMd)input.Predict(kind), kind)
                    : filter.Evaluate((SkBuff)input.Predict(kind), kind));
                KernelHarness.Run(program, kind, input).ShouldBe(expected, $"{name} as {kind} on {frameName}\n{compiled.Disassemble()}");
            }
        }
    }

    // The golden frames, and for XDP every truncation of them too.
    private static IEnumerable<(string Name, TestRunInput Input)> Frames(ProgramKind kind)
    {
        foreach (var (name, input) in GoldenInputs.Packets)
        {
            if (input.Refusal(kind) is null)
            {
                yield return (name, input);
            }
            if (kind == ProgramKind.Xdp)
            {
                for (var length = 14; length < input.Frame.Length; length++)
                {
                    yield return ($"{name}[..{length}]", TestRunInput.OfFrame(input.Frame[..length]));
                }
            }
        }
    }

    // The same lambda over an XDP context: skb.Packet becomes xdp.Packet.
    private static Expression<Func<XdpMd, Verdict>> XdpTwin(Expression<Func<SkBuff, Verdict>> lambda)
    {
        var xdp = Expression.Parameter(typeof(XdpMd), "xdp");
        return Expression.Lambda<Func<XdpMd, Verdict>>(new Twin(lambda.Parameters[0], xdp).Visit(lambda.Body)!, xdp);
    }

    private sealed class Twin(ParameterExpression skb, ParameterExpression xdp) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == skb && node.Member.Name == nameof(SkBuff.Packet) ? Expression.Property(xdp, nameof(XdpMd.Packet)) : base.VisitMember(node);
    }
}
