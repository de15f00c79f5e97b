using BpfLinq.Compiler.Ir;
using BpfLinq.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>
/// For every pass and for the whole pipeline, on random well-formed functions (<see cref="RandomIr"/>):
/// the IR verifier accepts the result, the interpreter computes the same result, context bytes and
/// helper calls before and after on random arguments, and a pass that reports no change changed
/// nothing.
/// </summary>
public sealed class PassPropertyTests
{
    private const int ArgumentSets = 6;

    public static TheoryData<string> Names { get; } = new([.. PassCatalog.Passes.Select(p => p.Name), PassCatalog.WholePipeline]);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_pass_keeps_behaviour(string pass)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(RandomIr.Count(250)), Prop.ForAll(
            RandomIr.Cases().Zip(RandomIr.Args.ArrayOf(ArgumentSets).ToArbitrary()),
            RandomIr.Context.ToArbitrary(),
            (input, context) => KeepsBehaviour(pass, input.Item1, input.Item2, context)));
    }

    [Fact]
    public void The_generator_makes_well_formed_functions_that_terminate()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(RandomIr.Count(500)), Prop.ForAll(RandomIr.Cases(40), RandomIr.Args.ToArbitrary(), (c, args) =>
        {
            var f = c.Build();
            IrVerifier.Check(f).ShouldBeEmpty(c.ToString());
            IrBehaviour.Of(f, args, new byte[RandomIr.ContextSize]).Result.ShouldNotStartWith("failed", Case.Sensitive, c.ToString());
        }));
    }

    [Fact]
    public void The_generator_makes_every_shape_the_passes_look_for()
    {
        var texts = Enumerable.Range(0, 200).Select(seed => IrPrinter.Print(RandomIr.Generate(seed, 25))).ToList();
        string[] shapes = ["phi.i64", "phi.i32", "ret", "condbr", "load.", "store.", "call.", "ptradd", "zext", "sext.", "trunc", "sextin", "byteswap", "cmp.test", "cmp.slt", "udiv", "srem", "ashr", "neg", "not."];
        foreach (var shape in shapes)
        {
            texts.Count(t => t.Contains(shape, StringComparison.Ordinal)).ShouldBeGreaterThan(5, shape);
        }
        texts.Count(t => t.Split('\n').Count(l => l.TrimStart().StartsWith("ret", StringComparison.Ordinal)) > 1).ShouldBeGreaterThan(10, "functions with several exits");
    }

    private static void KeepsBehaviour(string pass, IrCase input, long[][] argumentSets, byte[] context)
    {
        var before = input.Build();
        var after = input.Build();
        var beforeText = IrPrinter.Print(before);
        var changes = PassCatalog.Run(pass, after).Changes;
        var afterText = IrPrinter.Print(after);
        string Report() => $"pass '{pass}' on {input.Seed}/{input.Size}\n--- before\n{beforeText}--- after\n{afterText}";
        if (changes == 0)
        {
            afterText.ShouldBe(beforeText, "the pass reported no change but changed the function\n" + Report());
        }
        foreach (var args in argumentSets)
        {
            var expected = IrBehaviour.Of(before, args, context);
            var actual = IrBehaviour.Of(after, args, context);
            if (PassCatalog.MayChangeHighResultBits(pass))
            {
                (expected, actual) = (expected.AsProgram(), actual.AsProgram());
            }
            actual.ShouldBe(expected, $"args [{string.Join(", ", args)}]\n{Report()}");
        }
    }
}
