using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The differential property on deep trees: each shape of <see cref="DeepChains"/> at 1,000 links,
/// loaded and test-run in the kernel on generated inputs (half of them with a mark that one link
/// matches), must agree with the CLR, or be the documented BPF0032 of a chain whose values do not
/// fit the 512-byte stack.
/// </summary>
public sealed class DeepChainDifferentialTests
{
    private const int Links = 1_000;

    // equal-left too: its 1,000 materialised bools are computed without branches (each branch on a
    // field split the field's range, and the verifier walked the product past one million instructions).
    public static TheoryData<string> Shapes => new(DeepChains.Names);

    [KernelTheory]
    [MemberData(nameof(Shapes))]
    public void A_deep_chain_agrees_with_the_CLR_in_the_kernel(string shape)
    {
        var (op, left) = DeepChains.Parse(shape);
        var random = new Random(shape.Length * 7919 + (left ? 1 : 0));
        var generator = new InputGenerator();
        var inputs = Enumerable.Range(0, 8).Select(k =>
        {
            var input = generator.Next(random);
            return k % 2 == 0 ? input with { Skb = ContextCopy.With(input.Skb, nameof(SkBuff.Mark), (uint)random.Next(Links)) } : input;
        }).ToArray();
        var statistics = new DifferentialStatistics();

        var outcome = new DifferentialChecker(BpfLinqCompiler.UnderTest, statistics)
            .Check(new DifferentialCase(new GeneratedProgram(ProgramKind.Tc, DeepChains.Build(op, left, Links)), inputs));

        if (op == DeepChains.Op.Equal && !left)
        {
            outcome.Verdict.ShouldBe(CaseVerdict.Rejected, outcome.Detail);
            outcome.Error!.Code.ShouldBe(DiagnosticCode.StackTooLarge);
        }
        else
        {
            outcome.Verdict.ShouldBe(CaseVerdict.Agreed, outcome.Detail);
        }
    }
}
