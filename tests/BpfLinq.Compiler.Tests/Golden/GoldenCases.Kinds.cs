using static BpfLinq.Compiler.Tests.Golden.GoldenCase;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Golden;

// The same predicate for every program kind (each kind's verdict convention), and the verdicts
// only some kinds have.
internal static partial class GoldenCases
{
    private static IEnumerable<GoldenCase> Kinds() =>
    [
        Skb("Kinds/SocketFilter", ProgramKind.SocketFilter, skb => skb.Len < 6 ? Pass : Drop),
        Skb("Kinds/SkSkb", ProgramKind.SkSkb, skb => skb.Len < 6 ? Pass : Drop),
        Skb("Kinds/Tc", ProgramKind.Tc, skb => skb.Len < 6 ? Pass : Drop),
        Skb("Kinds/CgroupSkb", ProgramKind.CgroupSkb, skb => skb.Len < 6 ? Pass : Drop),
        Xdp("Kinds/Xdp", ctx => ctx.IngressIfindex < 6 ? Pass : Drop),
        Skb("Kinds/SocketFilterKeep", ProgramKind.SocketFilter, skb => skb.Len > 64 ? Keep(64) : Pass),
        Skb("Kinds/SocketFilterKeepComputed", ProgramKind.SocketFilter, skb => Keep(skb.Len / 2)),
        Xdp("Kinds/XdpTx", ctx => ctx.RxQueueIndex == 0 ? Tx : Pass),
        Xdp("Kinds/XdpAbortedRedirect", ctx => ctx.IngressIfindex == 0 ? Aborted : ctx.IngressIfindex == 1 ? Redirect : Drop),
    ];
}
