using System.Linq.Expressions;
using System.Net;
using BpfLinq.Compiler.Frontend;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Packets;

/// <summary>
/// What the packet API cannot compile is a compile error with a stable code, naming the expression:
/// a view used as a value, arguments that must be known at compile time, ranges, address families,
/// headers an sk_skb program does not see.
/// </summary>
public sealed class PacketCompileErrorTests
{
    private static readonly IPAddress s_v6 = IPAddress.Parse("2001:db8::1");
    private static readonly IPNetwork s_v4Net = IPNetwork.Parse("10.0.0.0/8");

    private static readonly Dictionary<string, (LambdaExpression Lambda, ProgramKind Kind, string Code, string Text, string Message)> s_cases = new()
    {
        ["a view chosen by a condition"] = (F(s => (s.Len > 10 ? s.Packet.Ipv4 : s.Packet.Ipv4).Ttl > 1 ? Pass : Drop), ProgramKind.Tc, DiagnosticCode.PacketViewMisuse, "s.Len > 10 ? s.Packet.Ipv4 : s.Packet.Ipv4", "cannot be stored, chosen or passed around"),
        ["a tag count from the packet"] = (F(s => s.Packet.Ethernet.Vlans(s.Packet.U8(0)).Count > 0 ? Pass : Drop), ProgramKind.Tc, DiagnosticCode.PacketArgument, "s.Packet.Ethernet.Vlans((int)s.Packet.U8(0))", "must be known when the filter is compiled"),
        ["too many tags"] = (F(s => s.Packet.Ethernet.Vlans(9).Count > 0 ? Pass : Drop), ProgramKind.Tc, DiagnosticCode.PacketArgument, "s.Packet.Ethernet.Vlans(9)", "between 1 and 8"),
        ["an IPv6 address in an IPv4 test"] = (F(s => s.Packet.Ipv4.SourceIs(s_v6) ? Pass : Drop), ProgramKind.SocketFilter, DiagnosticCode.PacketArgument, "s.Packet.Ipv4.SourceIs(s_v6)", "must be an IPv4 address"),
        ["an IPv4 network in an IPv6 test"] = (F(s => s.Packet.Ipv6.DestinationIn(s_v4Net) ? Pass : Drop), ProgramKind.Tc, DiagnosticCode.PacketArgument, "s.Packet.Ipv6.DestinationIn(s_v4Net)", "must be an IPv6 address"),
        ["a non-ASCII prefix"] = (F(s => s.Packet.StartsWith(0, "GÉT") ? Pass : Drop), ProgramKind.Tc, DiagnosticCode.PacketArgument, "s.Packet.StartsWith(0, \"GÉT\")", "must be ASCII"),
        ["headers in a stream"] = (F(s => s.Packet.Ipv4.Ttl > 1 ? Pass : Drop), ProgramKind.SkSkb, DiagnosticCode.PacketHeaderNotVisible, "s.Packet.Ipv4", "sees the stream's data, not packet headers"),
    };

    public static TheoryData<string> Names => new(s_cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Packet_code_that_cannot_compile_is_a_compile_error_naming_the_expression(string name)
    {
        var c = s_cases[name];

        var e = Should.Throw<BpfCompileException>(() => IrLowering.Lower(c.Lambda, c.Kind, new LoweringOptions { SourceText = "(the lambda)" }));

        e.Code.ShouldBe(c.Code);
        e.ExpressionText.ShouldNotBeNull().ShouldContain(c.Text.Replace("(s_v6)", "(").Replace("(s_v4Net)", "(").TrimEnd(')'));
        e.Message.ShouldContain(c.Message);
    }

    private static Expression<Func<SkBuff, Verdict>> F(Expression<Func<SkBuff, Verdict>> e) => e;
}
