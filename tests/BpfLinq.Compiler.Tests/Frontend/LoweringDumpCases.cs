using System.Linq.Expressions;
using static BpfLinq.Verdict;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Frontend;

/// <summary>One lambda per construct family, for the IR dump tests.</summary>
internal static class LoweringDumpCases
{
    public static IReadOnlyDictionary<string, (LambdaExpression Lambda, ProgramKind Kind)> All { get; } = Build();

    private static Dictionary<string, (LambdaExpression, ProgramKind)> Build()
    {
        var d = new Dictionary<string, (LambdaExpression, ProgramKind)>();
        void F(string name, Expression<Func<SkBuff, Verdict>> e, ProgramKind kind = ProgramKind.SocketFilter) => d[name] = (e, kind);
        void R(string name, Expression<Func<SkBuff, long>> e, ProgramKind kind = ProgramKind.Tc) => d[name] = (e, kind);
        void T(string name, Func<ParameterExpression, Expression> body, ProgramKind kind = ProgramKind.Tc)
        {
            var skb = E.Parameter(typeof(SkBuff), "skb");
            d[name] = (E.Lambda(body(skb), skb), kind);
        }

        var limit = 1500u;
        Expression<Func<SkBuff, bool>> isSmall = s => s.Len < 64;

        F("verdict on a comparison", skb => skb.Len < 6 ? Pass : Drop);
        F("and-also and or-else branch", skb => skb.Len > 10 && skb.Mark != 0 || skb.Priority == 3 ? Pass : Drop);
        F("not swaps the targets", skb => !(skb.Len > 10) ? Drop : Pass);
        F("captured value folded", skb => skb.Len > limit ? Drop : Pass);
        F("captured expression inlined", skb => isSmall.Compile()(skb) ? Drop : Pass);
        F("keep bytes", skb => Keep(skb.Len / 2));
        d["xdp verdicts"] = ((Expression<Func<XdpMd, Verdict>>)(x => x.RxQueueIndex == 0 ? Tx : Aborted), ProgramKind.Xdp);
        R("bool value materialised", skb => ((skb.Len > 5) == (skb.Mark > 5)) ? 1 : 0);
        R("narrow results kept canonical", skb => (byte)(skb.Mark + 200) + (sbyte)skb.Len);
        R("signed and unsigned comparisons", skb => (int)skb.Mark < 0 ? 1 : skb.Mark < 5 ? 2 : 3);
        R("widening by the sign of the source", skb => (int)skb.Mark + (long)skb.Len);
        R("long shift widens its count", skb => (long)skb.Tstamp << (int)skb.Mark);
        R("guarded division", skb => skb.Mark != 0 ? skb.Len / skb.Mark : 0);
        T("constant-bounded loop", skb =>
        {
            var i = E.Variable(typeof(int), "i");
            var sum = E.Variable(typeof(uint), "sum");
            var done = E.Label("done");
            return E.Block([i, sum],
                E.Loop(E.Block(
                    E.IfThen(E.GreaterThanOrEqual(i, E.Constant(4)), E.Break(done)),
                    E.AddAssign(sum, E.Property(skb, nameof(SkBuff.Len))),
                    E.PreIncrementAssign(i)), done),
                E.Convert(sum, typeof(long)));
        });
        T("switch by binary search", skb => E.Switch(E.Convert(E.Property(skb, nameof(SkBuff.Mark)), typeof(int)), E.Constant(0L),
            [.. Enumerable.Range(1, 6).Select(k => E.SwitchCase(E.Constant((long)k), E.Constant(k * k)))]));
        T("goto to a valued label", skb =>
        {
            var end = E.Label(typeof(long), "end");
            return E.Block(
                E.IfThen(E.Equal(E.Property(skb, nameof(SkBuff.Mark)), E.Constant(0u)), E.Return(end, E.Constant(-1L))),
                E.Label(end, E.Convert(E.Property(skb, nameof(SkBuff.Len)), typeof(long))));
        });
        return d;
    }
}
