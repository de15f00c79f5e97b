using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Tests.Frontend.Semantics;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Frontend;

/// <summary>
/// The front end's semantics without a back end: for random contexts, the lowered IR run by the
/// <see cref="IrInterpreter"/> returns exactly what the CLR computes for the same lambda (the
/// verdict mapped to the kind's return value, or the integer widened to long).
/// </summary>
public sealed class LoweringSemanticsTests
{
    private static readonly Dictionary<string, SemanticCase> s_cases = Build();

    public static TheoryData<string> Cases => new(s_cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_lowered_IR_computes_what_the_CLR_computes(string name)
    {
        var c = s_cases[name];
        var function = IrLowering.Lower(c.Lambda, c.Kind, LoweringOptions.Default);
        Prop.ForAll(Contexts.SkBuff.ToArbitrary(), skb =>
        {
            var ir = IrInterpreter.Run(function, [0], [ContextLayout.ToBytes(skb)]);
            var clr = c.Clr(skb);
            return (ir == clr).Label($"IR {ir:x} != CLR {clr:x}\n{IrPrinter.Print(function)}");
        }).QuickCheckThrowOnFailure();
    }

    public static TheoryData<int> XdpCases => new(Enumerable.Range(0, s_xdp.Length));

    private static readonly System.Linq.Expressions.Expression<Func<XdpMd, Verdict>>[] s_xdp =
    [
        x => x.IngressIfindex == 3 ? Verdict.Tx : x.RxQueueIndex > 7 ? Verdict.Redirect : Verdict.Pass,
        x => x.RxQueueIndex % 4 == 0 ? Verdict.Drop : x.RxQueueIndex == 5 ? Verdict.Aborted : Verdict.Pass,
        x => (x.IngressIfindex ^ x.RxQueueIndex) < 100 || (int)x.IngressIfindex < 0 ? Verdict.Pass : Verdict.Drop,
    ];

    [Theory]
    [MemberData(nameof(XdpCases))]
    public void XDP_programs_compute_what_the_CLR_computes(int index)
    {
        var lambda = s_xdp[index];
        var clr = lambda.Compile();
        var function = IrLowering.Lower(lambda, ProgramKind.Xdp, LoweringOptions.Default);
        Prop.ForAll(Contexts.XdpMd.ToArbitrary(), xdp =>
            IrInterpreter.Run(function, [0], [ContextLayout.ToBytes(xdp)]) == clr(xdp).ToReturnValue(ProgramKind.Xdp)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_instruction_says_which_expression_it_came_from()
    {
        foreach (var c in s_cases.Values)
        {
            var function = IrLowering.Lower(c.Lambda, c.Kind, LoweringOptions.Default);
            foreach (var instr in function.AllInstrs())
            {
                instr.Source.ShouldNotBeNull($"{c.Name}: {instr}");
                instr.Source.Text.ShouldNotBeNullOrWhiteSpace();
            }
        }
    }

    [Fact]
    public void The_cases_cover_every_family()
    {
        s_cases.Count.ShouldBeGreaterThan(300);
    }

    private static Dictionary<string, SemanticCase> Build()
    {
        var list = new SemanticCaseList();
        OperatorCases.AddTo(list);
        LambdaCases.AddTo(list);
        ControlCases.AddTo(list);
        return list.ToDictionary(c => c.Name);
    }
}
