using System.Linq.Expressions;
using BpfLinq.Compiler.Frontend;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Dsl.Packets;

/// <summary>
/// Until the front end lowers packet reads, a lambda that touches <c>ctx.Packet</c> is a compile error
/// (BPF0004 for a property of a view, BPF0003 for a read method) naming the packet expression, never
/// a silent context load. The compiler's packet lowering replaces these expectations.
/// </summary>
public sealed class PacketLoweringTests
{
    private static readonly Dictionary<string, (LambdaExpression Lambda, ProgramKind Kind, string Code, string Text)> s_cases = new()
    {
        ["raw read"] = (F(skb => skb.Packet.U8(0) == 0x45 ? Pass : Drop), ProgramKind.SocketFilter, DiagnosticCode.UnsupportedMethod, "skb.Packet.U8(0)"),
        ["length"] = (F(skb => skb.Packet.Length > 20 ? Pass : Drop), ProgramKind.Tc, DiagnosticCode.UnsupportedMember, "skb.Packet.Length"),
        ["view field"] = (F(skb => skb.Packet.Ipv4.Ttl > 1 ? Pass : Drop), ProgramKind.CgroupSkb, DiagnosticCode.UnsupportedMember, "skb.Packet.Ipv4.Ttl"),
        ["xdp view field"] = (X(xdp => xdp.Packet.Ethernet.Type == EtherType.IPv4 ? Pass : Drop), ProgramKind.Xdp, DiagnosticCode.UnsupportedMember, "xdp.Packet.Ethernet.Type"),
    };

    public static TheoryData<string> Names => new(s_cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Packet_reads_are_a_compile_error_until_the_compiler_lowers_them(string name)
    {
        var c = s_cases[name];

        var e = Should.Throw<BpfCompileException>(() => IrLowering.Lower(c.Lambda, c.Kind, new LoweringOptions { SourceText = "(the lambda)" }));

        e.Code.ShouldBe(c.Code);
        e.ExpressionText.ShouldBe(c.Text);
    }

    private static Expression<Func<SkBuff, Verdict>> F(Expression<Func<SkBuff, Verdict>> e) => e;

    private static Expression<Func<XdpMd, Verdict>> X(Expression<Func<XdpMd, Verdict>> e) => e;
}
