using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;
using FsCheck;
using FsCheck.Fluent;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Dsl.Composition;

/// <summary>
/// Composed filters (And, Or, Not, Where) and LINQ queries are the trees a user would write by
/// hand: they compile to the same instructions as the single lambda, for every kind, and evaluate
/// the same in .NET.
/// </summary>
public sealed class CompositionTests
{
    private static readonly BpfFilter<SkBuff> s_short = Bpf.Filter<SkBuff>(skb => skb.Len < 100 ? Pass : Drop);
    private static readonly BpfFilter<SkBuff> s_marked = Bpf.Filter<SkBuff>(skb => skb.Mark == 7 ? Pass : Drop);
    private static readonly ProgramKind[] s_kinds = [ProgramKind.SocketFilter, ProgramKind.Tc, ProgramKind.CgroupSkb];

    public static TheoryData<string> Forms => new(s_forms.Keys.Order());

    private static readonly Dictionary<string, (Func<BpfFilter<SkBuff>> Composed, BpfFilter<SkBuff> ByHand)> s_forms = new()
    {
        ["and"] = (() => s_short.And(s_marked), Bpf.Filter<SkBuff>(skb => skb.Len < 100 && skb.Mark == 7 ? Pass : Drop)),
        ["or"] = (() => s_short.Or(s_marked), Bpf.Filter<SkBuff>(skb => skb.Len < 100 || skb.Mark == 7 ? Pass : Drop)),
        ["not"] = (() => s_short.Not(), Bpf.Filter<SkBuff>(skb => !(skb.Len < 100) ? Pass : Drop)),
        ["where"] = (() => s_short.Where(skb => skb.Priority > 3).Where(skb => skb.Mark != 0), Bpf.Filter<SkBuff>(skb => skb.Len < 100 && skb.Priority > 3 && skb.Mark != 0 ? Pass : Drop)),
        ["nested"] = (() => s_short.And(s_marked.Or(s_short.Not())), Bpf.Filter<SkBuff>(skb => skb.Len < 100 && (skb.Mark == 7 || !(skb.Len < 100)) ? Pass : Drop)),
        ["drop when"] = (() => Bpf.Filter<SkBuff>(skb => skb.Len < 100 ? Drop : Pass).And(s_marked), Bpf.Filter<SkBuff>(skb => !(skb.Len < 100) && skb.Mark == 7 ? Pass : Drop)),
        ["query"] = (() => (from skb in Bpf.Packets<SkBuff>() where skb.Len < 100 where skb.Mark == 7 select skb).ToFilter(), Bpf.Filter<SkBuff>(skb => skb.Len < 100 && skb.Mark == 7 ? Pass : Drop)),
        ["query with let"] = (() => (from skb in Bpf.Packets<SkBuff>() let ip = skb.Packet.Ipv4 let port = ip.Tcp.DestinationPort where ip.Protocol == IpProtocol.Tcp where port == 443 select skb).ToFilter(),
            Bpf.Filter<SkBuff>(skb => skb.Packet.Ipv4.Protocol == IpProtocol.Tcp && skb.Packet.Ipv4.Tcp.DestinationPort == 443 ? Pass : Drop)),
        ["query selecting a verdict"] = (() => Bpf.Filter(from skb in Bpf.Packets<SkBuff>() let len = skb.Len where skb.Mark == 7 select len < 100 ? Pass : Drop),
            Bpf.Filter<SkBuff>(skb => skb.Mark == 7 ? (skb.Len < 100 ? Pass : Drop) : Drop)),
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_composed_filter_compiles_to_the_instructions_of_the_lambda_written_by_hand(string form)
    {
        var (composed, byHand) = s_forms[form];
        foreach (var kind in s_kinds)
        {
            Instructions(composed(), kind).ShouldBe(Instructions(byHand, kind), $"{form} as {kind}:\n{composed().Disassemble(kind)}\nby hand:\n{byHand.Disassemble(kind)}");
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_composed_filter_evaluates_as_the_lambda_written_by_hand(string form)
    {
        var (composed, byHand) = s_forms[form];
        var filter = composed();
        Prop.ForAll(Gen.Elements(0u, 7u, 99u, 100u, 101u, uint.MaxValue).ToArbitrary(), Gen.Elements(0u, 1u, 7u, 8u).ToArbitrary(), (len, mark) =>
        {
            var skb = new SkBuff { Len = len, Mark = mark, Priority = len % 5 };
            return filter.Evaluate(skb) == byHand.Evaluate(skb);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_composed_filter_keeps_both_source_texts()
    {
        s_short.And(s_marked).SourceText.ShouldBe("(skb => skb.Len < 100 ? Pass : Drop) && (skb => skb.Mark == 7 ? Pass : Drop)");
        s_short.Not().SourceText.ShouldBe("!(skb => skb.Len < 100 ? Pass : Drop)");
    }

    [Fact]
    public void Verdicts_other_than_pass_count_as_not_passing()
    {
        var keep = Bpf.Filter<SkBuff>(skb => skb.Len > 64 ? Keep(64) : Pass);
        var composed = keep.And(s_marked);

        composed.Evaluate(new SkBuff { Len = 10, Mark = 7 }).ShouldBe(Pass.ToReturnValue(ProgramKind.SocketFilter));
        composed.Evaluate(new SkBuff { Len = 100, Mark = 7 }).ShouldBe(Drop.ToReturnValue(ProgramKind.SocketFilter));
    }

    [Fact]
    public void A_raw_program_does_not_compose()
    {
        var raw = Bpf.Program<SkBuff>(skb => skb.Len);

        Should.Throw<InvalidOperationException>(() => raw.And(s_marked)).Message.ShouldContain("is a raw program (Bpf.Program)");
        Should.Throw<InvalidOperationException>(() => s_marked.Or(raw)).Message.ShouldContain("is a raw program (Bpf.Program)");
    }

    [Fact]
    public void A_query_selecting_something_else_is_not_a_filter()
    {
        var query = from skb in Bpf.Packets<SkBuff>() where skb.Mark == 7 select skb.Len;

        Should.Throw<InvalidOperationException>(() => query.ToFilter()).Message.ShouldContain("selects the packet's context (SkBuff) or a Verdict, not uint");
    }

    [Fact]
    public void A_composed_filter_is_one_lambda_over_one_parameter()
    {
        var lambda = (LambdaExpression)s_short.And(s_marked.Or(s_short)).Lambda;

        lambda.Parameters.ShouldHaveSingleItem();
        new InvokeSearch().Finds(lambda.Body).ShouldBeFalse();
    }

    private static Insn[] Instructions(BpfFilter<SkBuff> filter, ProgramKind kind) => [.. filter.Compile(kind).Instructions];

    private sealed class InvokeSearch : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        protected override Expression VisitInvocation(InvocationExpression node)
        {
            _found = true;
            return node;
        }
    }
}
