using System.Globalization;
using System.Text;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Passes;
using BpfLinq.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>
/// Each algebraic rule, on its pattern (<see cref="AlgebraicRuleCases"/>) with random constants and
/// arguments: the simplified function computes what <see cref="IrArithmetic"/> says the original
/// computes, and the rule really fired on a good share of the runs (so the case tests the rule).
/// </summary>
public sealed class AlgebraicRuleTests
{
    private static readonly int s_runs = RandomIr.Count(150);

    public static TheoryData<string> RuleTexts { get; } = new(AlgebraicSimplification.Rules.Select(r => r.Text).Distinct());

    [Theory]
    [MemberData(nameof(RuleTexts))]
    public void A_rule_keeps_the_meaning_and_fires_on_its_pattern(string rule)
    {
        var cases = AlgebraicRuleCases.All.Where(c => c.Rule == rule).ToList();
        cases.ShouldNotBeEmpty($"no case in AlgebraicRuleCases for {rule}");
        var fired = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(s_runs), Prop.ForAll(
            Gen.Choose(0, int.MaxValue).ToArbitrary(), RandomIr.Args.ToArbitrary(), RandomIr.Context.ToArbitrary(), (seed, args, context) =>
            {
                var rng = new Random(seed);
                var text = Instantiate(cases[rng.Next(cases.Count)], rng);
                var before = IrParser.Parse(text);
                var after = IrParser.Parse(text);
                var trace = new List<string>();
                PassCatalog.Run("simplify-algebra", after, trace.Add, traceRewrites: true);
                fired += trace.Contains("simplify-algebra: " + rule) ? 1 : 0;
                IrBehaviour.Of(after, args, context).ShouldBe(IrBehaviour.Of(before, args, context),
                    $"args [{string.Join(", ", args)}]\n{text}\n--- simplified ({string.Join("; ", trace)})\n{IrPrinter.Print(after)}");
            }));
        fired.ShouldBeGreaterThan(s_runs / 20, $"the rule fired in {fired} of {s_runs} runs of its pattern");
    }

    [Fact]
    public void Every_case_names_a_rule()
    {
        var rules = AlgebraicSimplification.Rules.Select(r => r.Text).ToHashSet();
        AlgebraicRuleCases.All.Select(c => c.Rule).Where(r => !rules.Contains(r)).ShouldBeEmpty();
    }

    [Fact]
    public void Rule_texts_are_unique()
    {
        AlgebraicSimplification.Rules.GroupBy(r => r.Text).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    private static string Instantiate(RuleCase c, Random rng)
    {
        var is64 = rng.Next(2) == 0;
        var width = is64 ? 64 : 32;
        string Number(long v) => v.ToString(CultureInfo.InvariantCulture);
        long Edge() => rng.Next(4) switch
        {
            0 => rng.Next(-20, 21),
            1 => rng.NextInt64(),
            _ => RandomIr.EdgeValues[rng.Next(RandomIr.EdgeValues.Count)],
        };
        string[] conds = c.Conds ?? Enum.GetValues<Cond>().Select(x => x.Name()).ToArray();
        var body = new StringBuilder(c.Body)
            .Replace("{T}", is64 ? "i64" : "i32")
            .Replace("{x}", is64 ? "v1" : "v3").Replace("{y}", is64 ? "v2" : "v4")
            .Replace("{x32}", "v3").Replace("{y32}", "v4")
            .Replace("{c1}", Number(Edge())).Replace("{c2}", Number(Edge()))
            // A mask: half the time one that covers a byte (low bits all set), else any edge value.
            .Replace("{m1}", Number(rng.Next(2) == 0 ? (long)((1UL << rng.Next(8, width)) - 1) : Edge()))
            .Replace("{p1}", Number(1L << rng.Next(width)))
            .Replace("{pm1}", rng.Next(2) == 0 ? "1" : "-1")
            .Replace("{n1}", Number(rng.Next(width))).Replace("{n2}", Number(rng.Next(width)))
            .Replace("{s1}", Number(rng.Next(0, 13))).Replace("{s2}", Number(rng.Next(0, 13)))
            .Replace("{cond}", conds[rng.Next(conds.Length)])
            .ToString();
        var last = body.Split('\n')[^1];
        var mnemonic = last.Split(' ')[2].Split('.');
        var sb = new StringBuilder(RandomIr.Signature).Append("\nb0:\n");
        foreach (var line in body.Split('\n'))
        {
            sb.Append("  ").Append(line).Append('\n');
        }
        if (mnemonic[0] == "cmp")
        {
            sb.Append("  condbr vR, b1, b2\nb1:\n  ret 1\nb2:\n  ret 0\n");
        }
        else if (mnemonic[1] == "i32")
        {
            sb.Append("  vZ = zext.i64 vR\n  ret vZ\n");
        }
        else
        {
            sb.Append("  ret vR\n");
        }
        return sb.ToString();
    }
}
