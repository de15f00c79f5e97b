using static BpfLinq.Verdict;

namespace BpfLinq.Bench;

/// <summary>
/// The programs the benchmarks compile and the report compares with clang: typical filter lambdas,
/// each with the C an expert would write for the same job (in clang/, same name).
/// </summary>
internal static class TypicalLambdas
{
    /// <summary>One program: its name (also the C file's), kind, and lambda.</summary>
    public sealed record Case(string Name, ProgramKind Kind, BpfFilter<SkBuff> Filter);

    public static IReadOnlyList<Case> All { get; } =
    [
        new("len_lt_6", ProgramKind.SocketFilter, Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop)),
        new("and_or_chain", ProgramKind.SocketFilter, Bpf.Filter<SkBuff>(skb => (skb.Len < 6 && skb.Protocol == 8) || skb.Mark > 100 ? Pass : Drop)),
        new("mark_range", ProgramKind.Tc, Bpf.Filter<SkBuff>(skb => skb.Mark >= 1024 && skb.Mark <= 49151 && skb.Priority != 7 ? Pass : Drop)),
        new("cb_mix", ProgramKind.Tc, Bpf.Program<SkBuff>(skb => (int)((skb.Cb[0] ^ skb.Cb[1]) * 31 + (skb.Mark >> 3)))),
        new("mark_switch", ProgramKind.SocketFilter, Bpf.Program<SkBuff>(skb => skb.Mark == 1 ? 10 : skb.Mark == 2 || skb.Mark == 3 ? 20 : skb.Mark == 100 ? 30 : 0)),
    ];
}
