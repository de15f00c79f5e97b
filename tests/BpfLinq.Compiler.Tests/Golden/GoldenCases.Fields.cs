using static BpfLinq.Compiler.Tests.Golden.GoldenCase;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Golden;

// Context fields by class: 32-bit scalars, array elements, 64-bit and 8-bit fields, and XDP's.
internal static partial class GoldenCases
{
    private static IEnumerable<GoldenCase> Fields() =>
    [
        SkbRaw("Fields/Len", ProgramKind.SocketFilter, skb => skb.Len),
        SkbRaw("Fields/ScalarsSum", ProgramKind.Tc, skb => (long)skb.Mark + skb.Priority + skb.Protocol + skb.PktType + skb.Ifindex),
        SkbRaw("Fields/CbElements", ProgramKind.SocketFilter, skb => skb.Cb[0] ^ skb.Cb[4]),
        SkbRaw("Fields/Hash", ProgramKind.Tc, skb => skb.Hash),
        SkbRaw("Fields/Tstamp64", ProgramKind.Tc, skb => (long)(skb.Tstamp >> 3)),
        SkbRaw("Fields/TstampType8", ProgramKind.Tc, skb => skb.TstampType),
        SkbRaw("Fields/WireLen", ProgramKind.Tc, skb => skb.WireLen),
        SkbRaw("Fields/CgroupRemoteIp4", ProgramKind.CgroupSkb, skb => skb.Family == 2 && skb.RemoteIp4 != 0 ? 1 : 0),
        XdpRaw("Fields/XdpIngressIfindex", ctx => ctx.IngressIfindex + ctx.RxQueueIndex),
        Xdp("Fields/XdpVerdict", ctx => ctx.IngressIfindex == 1 ? Pass : Drop),
    ];
}
