using System.Linq.Expressions;
using static BpfLinq.Verdict;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Bench;

/// <summary>
/// The programs the benchmarks compile and the report compares with clang: typical filter lambdas,
/// each with the C an expert would write for the same job (in clang/, same name).
/// </summary>
internal static class TypicalLambdas
{
    /// <summary>
    /// One program: its name (also the C file's), kind, and how to write its lambda. <see cref="New"/>
    /// runs the user's own line again — a new expression tree, a new filter, the caller's file and line —
    /// which is what a program that builds its filters meets; <see cref="Filter"/> is one such filter, made once.
    /// </summary>
    public sealed record Case(string Name, ProgramKind Kind, Func<BpfFilter<SkBuff>> New)
    {
        /// <summary>The filter, written once.</summary>
        public BpfFilter<SkBuff> Filter { get; } = New();
    }

    public static IReadOnlyList<Case> All { get; } =
    [
        new("len_lt_6", ProgramKind.SocketFilter, () => Bpf.Filter<SkBuff>(skb => skb.Len < 6 ? Pass : Drop)),
        new("and_or_chain", ProgramKind.SocketFilter, () => Bpf.Filter<SkBuff>(skb => (skb.Len < 6 && skb.Protocol == 8) || skb.Mark > 100 ? Pass : Drop)),
        new("mark_range", ProgramKind.Tc, () => Bpf.Filter<SkBuff>(skb => skb.Mark >= 1024 && skb.Mark <= 49151 && skb.Priority != 7 ? Pass : Drop)),
        new("cb_mix", ProgramKind.Tc, () => Bpf.Program<SkBuff>(skb => (int)((skb.Cb[0] ^ skb.Cb[1]) * 31 + (skb.Mark >> 3)))),
        new("mark_switch", ProgramKind.SocketFilter, () => Bpf.Program<SkBuff>(skb => skb.Mark == 1 ? 10 : skb.Mark == 2 || skb.Mark == 3 ? 20 : skb.Mark == 100 ? 30 : 0)),
        new("guarded_div", ProgramKind.Tc, () => Bpf.Program<SkBuff>(skb => skb.Priority != 0 ? skb.Mark / skb.Priority : 0)),
        // 0x0008 is htons(ETH_P_IP) on a little-endian machine: skb.Protocol holds network order.
        new("ipv4_match", ProgramKind.SocketFilter, () => Bpf.Filter<SkBuff>(skb => skb.Protocol == 0x0008 && skb.Len >= 34 ? Pass : Drop)),
        new("long_mix", ProgramKind.Tc, () => Bpf.Program<SkBuff>(skb => ((long)skb.Len * skb.Mark + skb.Hash) >> 7)),
        new("hash_loop", ProgramKind.Tc, HashLoop),
    ];

    // { uint h = skb.Hash; for (int i = 0; i < 4; i++) h = h * 31 + skb.Mark; return h; }
    // A statement body, so a hand-built tree (C# lambdas cannot hold loops).
    private static BpfFilter<SkBuff> HashLoop()
    {
        var skb = E.Parameter(typeof(SkBuff), "skb");
        var h = E.Variable(typeof(uint), "h");
        var i = E.Variable(typeof(int), "i");
        var done = E.Label("done");
        var body = E.Block([h, i],
            E.Assign(h, E.Property(skb, nameof(SkBuff.Hash))),
            E.Assign(i, E.Constant(0)),
            E.Loop(
                E.Block(
                    E.IfThen(E.GreaterThanOrEqual(i, E.Constant(4)), E.Break(done)),
                    E.Assign(h, E.Add(E.Multiply(h, E.Constant(31u)), E.Property(skb, nameof(SkBuff.Mark)))),
                    E.PostIncrementAssign(i)),
                done),
            E.Convert(h, typeof(long)));
        return Bpf.Program(E.Lambda<Func<SkBuff, long>>(body, skb),
            "{ uint h = skb.Hash; for (int i = 0; i < 4; i++) h = h * 31 + skb.Mark; return h; }");
    }
}
