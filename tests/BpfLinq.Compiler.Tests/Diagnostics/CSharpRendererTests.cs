using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using static BpfLinq.Verdict;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Diagnostics;

public sealed class CSharpRendererTests
{
    private enum Proto : byte { Tcp = 6 }

    private static string Body<T>(Expression<Func<SkBuff, T>> e) => CSharpRenderer.Render(e.Body);

    public static TheoryData<string, string> Lambdas()
    {
        var limit = 100;
        var proto = Proto.Tcp;
        return new TheoryData<string, string>
        {
            { Body(skb => skb.Len < 6), "skb.Len < 6" },
            { Body(skb => skb.Len < limit), "(long)skb.Len < (long)limit" },
            { Body(skb => (Proto)skb.Mark == proto), "(int)(Proto)skb.Mark == (int)proto" },
            { Body(skb => skb.Len < 6 ? Pass : Drop), "skb.Len < 6 ? Verdict.Pass : Verdict.Drop" },
            { Body(skb => Keep(skb.Len / 2)), "Verdict.Keep(skb.Len / 2)" },
            { Body(skb => (skb.Len + skb.Mark) * 2 - (skb.Len - (skb.Mark - 1))), "(skb.Len + skb.Mark) * 2 - (skb.Len - (skb.Mark - 1))" },
            { Body(skb => !(skb.Len > 1 && skb.Mark < 2) || skb.Priority == 0), "!(skb.Len > 1 && skb.Mark < 2) || skb.Priority == 0" },
            { Body(skb => (skb.Len > 1) == (skb.Mark > 1)), "(skb.Len > 1) == (skb.Mark > 1)" },
            { Body(skb => checked(skb.Len * 3)), "checked(skb.Len * 3)" },
            { Body(skb => -(int)skb.Len), "-(int)skb.Len" },
            { Body(skb => ~skb.Len >> 3 << 1), "~skb.Len >> 3 << 1" },
            { Body(skb => skb.Cb[2] & 0xFF00FF00u), "skb.Cb[2] & 0xFF00FF00" },
            { Body(skb => skb.Len > 5 ? skb.Mark : skb.Len < 2 ? 1u : 2u), "skb.Len > 5 ? skb.Mark : skb.Len < 2 ? 1 : 2" },
            { Body(skb => (skb.Len > 5 ? 1 : 2) + 3), "(skb.Len > 5 ? 1 : 2) + 3" },
            { Body(skb => (char)skb.Len == '\''), "(int)(char)skb.Len == 39" },
            { Body(skb => -5 + (long)skb.Tstamp), "-5 + (long)skb.Tstamp" },
            { Body(skb => Bpf.Div((int)skb.Len, -3)), "Bpf.Div((int)skb.Len, -3)" },
        };
    }

    [Theory]
    [MemberData(nameof(Lambdas))]
    public void Lambdas_print_as_the_CSharp_that_builds_them(string rendered, string expected) => rendered.ShouldBe(expected);

    public static TheoryData<Expression, string> Trees()
    {
        var x = E.Variable(typeof(int), "x");
        var brk = E.Label("done");
        var p = E.Parameter(typeof(int), "p");
        return new TheoryData<Expression, string>
        {
            { E.Constant('a'), "'a'" },
            { E.Constant('\n'), @"'\n'" },
            { E.Constant((byte)7), "(byte)7" },
            { E.Constant(ulong.MaxValue), "0xFFFFFFFFFFFFFFFF" },
            { E.Constant(int.MinValue), "-2147483648" },
            { E.Constant(DayOfWeek.Friday), "DayOfWeek.Friday" },
            { E.Constant((DayOfWeek)42), "(DayOfWeek)42" },
            { E.Constant(Verdict.Keep(64)), "Verdict.Keep(64)" },
            { E.Constant(null, typeof(string)), "null" },
            { E.Default(typeof(long)), "default(long)" },
            { E.Lambda(E.Add(p, E.Constant(1)), p), "p => p + 1" },
            { E.Invoke(E.Lambda(E.Add(p, E.Constant(1)), p), E.Constant(2)), "(p => p + 1)(2)" },
            { E.Block([x], E.Assign(x, E.Constant(1)), E.AddAssign(x, E.Constant(2)), x), "{ int x; x = 1; x += 2; x; }" },
            { E.Loop(E.IfThen(E.GreaterThan(x, E.Constant(3)), E.Break(brk)), brk), "while (true) { if (x > 3) { break done; } } done:" },
            { E.PostIncrementAssign(x), "x++" },
            { E.PreDecrementAssign(x), "--x" },
            { E.AddChecked(x, x), "checked(x + x)" },
            { E.Switch(x, E.Constant(0), E.SwitchCase(E.Constant(5), E.Constant(1), E.Constant(2))), "switch (x) { case 1: case 2: 5; default: 0; }" },
            { E.NewArrayInit(typeof(int), E.Constant(1), E.Constant(2)), "new[] { 1, 2 }" },
            { E.Convert(E.Constant(1), typeof(long)), "(long)1" },
            { E.TypeIs(E.Convert(x, typeof(object)), typeof(int)), "(object)x is int" },
        };
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void Trees_print_in_CSharp_form(Expression tree, string expected) => CSharpRenderer.Render(tree).ShouldBe(expected);

    [Fact]
    public void Captured_variables_print_by_their_names_through_nested_closures()
    {
        var outer = 1;
        Expression<Func<SkBuff, long>> e = null!;
        for (var i = 0; i < 1; i++)
        {
            var inner = 2;
            e = skb => skb.Len + outer + inner;
        }
        CSharpRenderer.Render(e).ShouldBe("skb => (long)skb.Len + (long)outer + (long)inner");
    }

    [Theory]
    [InlineData(typeof(Func<SkBuff, bool>), "Func<SkBuff, bool>")]
    [InlineData(typeof(uint[]), "uint[]")]
    [InlineData(typeof(int?), "int?")]
    [InlineData(typeof(Dictionary<string, List<long>>), "Dictionary<string, List<long>>")]
    public void Types_print_as_CSharp_spells_them(Type type, string expected) => CSharpRenderer.TypeName(type).ShouldBe(expected);
}
