using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Ir;

public sealed class DominatorTreeTests
{
    [Fact]
    public void Diamond_and_loop_have_the_textbook_dominators()
    {
        // b0 -> b1 (loop header) -> b2 | b3 ; b2 -> b1 ; b3 -> b4 | b5 ; b4, b5 -> b6
        var f = IrParser.Parse("""
            func f(v0: i64) -> i64
            b0:
              br b1
            b1: <- b0 b2
              v1 = cmp.eq.i64 v0, 1
              condbr v1, b2, b3
            b2: <- b1
              br b1
            b3: <- b1
              v2 = cmp.eq.i64 v0, 2
              condbr v2, b4, b5
            b4: <- b3
              br b6
            b5: <- b3
              br b6
            b6: <- b4 b5
              ret 0
            """);
        var dom = DominatorTree.Compute(f);
        string Idom(int i) => dom.ImmediateDominator(f.Blocks[i])?.ToString() ?? "-";
        Enumerable.Range(0, 7).Select(Idom).ShouldBe(["-", "b0", "b1", "b1", "b3", "b3", "b3"]);
        dom.Dominates(f.Blocks[1], f.Blocks[6]).ShouldBeTrue();
        dom.Dominates(f.Blocks[4], f.Blocks[6]).ShouldBeFalse();
        dom.Dominates(f.Blocks[2], f.Blocks[2]).ShouldBeTrue();
    }

    [Fact]
    public void Unreachable_blocks_are_dominated_by_nothing()
    {
        var f = IrParser.Parse("func f() -> i64\nb0:\n  ret 0\nb1:\n  ret 1");
        var dom = DominatorTree.Compute(f);
        dom.IsReachable(f.Blocks[1]).ShouldBeFalse();
        dom.Dominates(f.Blocks[0], f.Blocks[1]).ShouldBeFalse();
    }
}
