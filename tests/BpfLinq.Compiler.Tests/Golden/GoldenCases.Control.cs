using static BpfLinq.Compiler.Tests.Golden.GoldenCase;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Golden;

// Control constructs a C# lambda can hold: ?:, &&, ||, !, nesting, captured configuration, Invoke.
internal static partial class GoldenCases
{
    private static IEnumerable<GoldenCase> Control()
    {
        // The golden file shows the lambda's source, so this constant keeps its name.
#pragma warning disable IDE1006
        const uint limit = 1500;
#pragma warning restore IDE1006
        var ports = (Low: 1024u, High: 49151u);
        System.Linq.Expressions.Expression<Func<SkBuff, bool>> isSmall = s => s.Len < 100;
        return
        [
            Skb("Control/Conditional", ProgramKind.SocketFilter, skb => skb.Len < 6 ? Pass : Drop),
            Skb("Control/AndAlso", ProgramKind.SocketFilter, skb => skb.Len > 10 && skb.Mark == 7 ? Pass : Drop),
            Skb("Control/OrElse", ProgramKind.SocketFilter, skb => skb.Len < 10 || skb.Mark == 7 ? Pass : Drop),
            Skb("Control/Not", ProgramKind.SocketFilter, skb => !(skb.Len < 10) ? Pass : Drop),
            Skb("Control/AndOrChain", ProgramKind.SocketFilter, skb => (skb.Len < 6 && skb.Protocol == 8) || skb.Mark > 100 ? Pass : Drop),
            Skb("Control/NotOfOr", ProgramKind.SocketFilter, skb => !(skb.Mark == 1 || skb.Mark == 2 || skb.Priority > 9) ? Pass : Drop),
            Skb("Control/NestedConditional", ProgramKind.SocketFilter, skb => skb.Len < 10 ? (skb.Mark == 7 ? Pass : Drop) : (skb.Priority > 2 ? Drop : Pass)),
            SkbRaw("Control/ConditionalValue", ProgramKind.SocketFilter, skb => (skb.Mark > 100 ? skb.Mark - 100 : skb.Mark + 100) * 2),
            Skb("Control/CapturedConstant", ProgramKind.SocketFilter, skb => skb.Len > limit ? Drop : Pass),
            Skb("Control/CapturedTuple", ProgramKind.SocketFilter, skb => skb.Mark >= ports.Low && skb.Mark <= ports.High ? Pass : Drop),
            Skb("Control/InvokeInlined", ProgramKind.SocketFilter, skb => isSmall.Compile()(skb) && skb.Mark != 0 ? Pass : Drop),
            SkbRaw("Control/RegisterPressure", ProgramKind.Tc, skb =>
                ((long)skb.Mark * skb.Priority + skb.Len) * ((long)skb.Cb[0] - skb.Cb[1]) + ((long)skb.Cb[2] ^ skb.Cb[3]) * ((long)skb.Cb[4] | skb.Hash)
                + ((long)skb.Protocol + skb.PktType) * ((long)skb.Ifindex - skb.QueueMapping) + (long)skb.TcIndex * skb.VlanTci),
        ];
    }
}
