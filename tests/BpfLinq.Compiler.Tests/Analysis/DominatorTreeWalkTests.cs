using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Analysis;

public sealed class DominatorTreeWalkTests
{
    [Fact]
    public void Children_and_pre_order_follow_the_tree()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var dom = DominatorTree.Compute(f);
        string Names(IEnumerable<Block> blocks) => string.Join(" ", blocks);
        Names(dom.Children(f.Blocks[1])).ShouldBe("b2 b6");
        Names(dom.Children(f.Blocks[2])).ShouldBe("b3 b4");
        Names(dom.Children(f.Blocks[6])).ShouldBe("b7 b8 b9");
        Names(dom.PreOrder()).ShouldBe("b0 b1 b2 b3 b4 b5 b6 b7 b8 b9");
    }

    [Fact]
    public void Every_block_of_random_functions_is_dominated_by_each_block_on_its_idom_chain()
    {
        // The tree agrees with the definition: removing a dominator disconnects the block.
        for (var seed = 0; seed < 100; seed++)
        {
            var f = RandomIr.Generate(seed, 30);
            var dom = DominatorTree.Compute(f);
            foreach (var b in dom.PreOrder())
            {
                for (var d = dom.ImmediateDominator(b); d is not null; d = dom.ImmediateDominator(d))
                {
                    ReachableAvoiding(f, d).ShouldNotContain(b, $"seed {seed}: {d} dominates {b}");
                }
            }
        }
    }

    private static HashSet<Block> ReachableAvoiding(Function f, Block avoided)
    {
        var seen = new HashSet<Block>();
        var work = new Stack<Block>([f.Entry]);
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (b != avoided && seen.Add(b))
            {
                foreach (var s in b.Succs)
                {
                    work.Push(s);
                }
            }
        }
        return seen;
    }
}
