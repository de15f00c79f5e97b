using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Generation;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

public sealed class ExpressionTextTests
{
    [Fact]
    public void Captured_values_follow_the_CSharp_text()
    {
        uint limit = 42;
        uint[] table = [7, 8];
        Expression<Func<SkBuff, bool>> e = skb => skb.Len < limit && skb.Mark != table[1] && skb.Len < limit;
        ExpressionText.Of(e).ShouldBe("skb => skb.Len < limit && skb.Mark != table[1] && skb.Len < limit /* limit = 42, table[1] = 8 */");
    }

    [Fact]
    public void A_program_without_captures_is_its_CSharp_text()
    {
        Expression<Func<SkBuff, long>> e = skb => (long)skb.Len * 3;
        ExpressionText.Of(e).ShouldBe("skb => (long)skb.Len * 3");
    }

    [Fact]
    public void Every_generated_program_renders()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var program = ProgramGenerator.Generate(new Random(seed), GenerationSettings.Default, maxDepth: 8);
            ExpressionText.Of(program.Lambda).ShouldNotBeNullOrWhiteSpace();
        }
    }
}
