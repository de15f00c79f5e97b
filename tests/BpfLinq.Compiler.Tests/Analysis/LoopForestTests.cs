using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Analysis;

public sealed class LoopForestTests
{
    [Fact]
    public void Nested_loops_have_headers_latches_bodies_and_depths()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var loops = LoopForest.Compute(f);
        loops.IsReducible.ShouldBeTrue();
        loops.Loops.Select(l => l.ToString()).ShouldBe(["loop b1 [b1 b2 b3 b4 b5]", "loop b2 [b2 b3]"]);
        var (outer, inner) = (loops.Loops[0], loops.Loops[1]);
        outer.Latches.ShouldBe([f.Blocks[5]]);
        inner.Latches.ShouldBe([f.Blocks[3]]);
        inner.Parent.ShouldBeSameAs(outer);
        outer.Children.ShouldBe([inner]);
        loops.TopLevel.ShouldBe([outer]);
        inner.Depth.ShouldBe(2);
        string Depths() => string.Join(" ", f.Blocks.Select(loops.LoopDepth));
        Depths().ShouldBe("0 1 2 2 1 1 0 0 0 0");
        loops.InnermostLoop(f.Blocks[3]).ShouldBeSameAs(inner);
        loops.IsHeader(f.Blocks[2]).ShouldBeTrue();
        loops.IsHeader(f.Blocks[3]).ShouldBeFalse();
        loops.IsBackEdge(f.Blocks[5], f.Blocks[1]).ShouldBeTrue();
        loops.IsBackEdge(f.Blocks[0], f.Blocks[1]).ShouldBeFalse();
        outer.Contains(f.Blocks[3]).ShouldBeTrue();
        outer.Contains(f.Blocks[6]).ShouldBeFalse();
    }

    [Fact]
    public void A_self_loop_is_a_loop_of_one_block()
    {
        var f = IrParser.Parse("""
            func f(v0: i64) -> i64
            b0:
              br b1
            b1: <- b0 b1
              v1 = phi.i64 [b0: 0], [b1: v2]
              v2 = add.i64 v1, 1
              v3 = cmp.ult.i64 v2, v0
              condbr v3, b1, b2
            b2: <- b1
              ret v2
            """);
        var loops = LoopForest.Compute(f);
        loops.Loops.ShouldHaveSingleItem().ToString().ShouldBe("loop b1 [b1]");
        loops.Loops[0].Latches.ShouldBe([f.Blocks[1]]);
    }

    [Fact]
    public void A_cycle_with_two_entries_makes_the_graph_irreducible()
    {
        var f = IrParser.Parse("""
            func f(v0: i64) -> i64
            b0:
              v1 = cmp.eq.i64 v0, 0
              condbr v1, b1, b2
            b1: <- b0 b2
              br b2
            b2: <- b0 b1
              v2 = cmp.eq.i64 v0, 1
              condbr v2, b1, b3
            b3: <- b2
              ret 0
            """);
        var loops = LoopForest.Compute(f);
        loops.IsReducible.ShouldBeFalse();
        loops.Loops.ShouldBeEmpty();
    }

    [Fact]
    public void Generated_functions_are_reducible_and_every_loop_block_reaches_a_latch_inside_it()
    {
        for (var seed = 0; seed < 150; seed++)
        {
            var f = RandomIr.Generate(seed, 30);
            var loops = LoopForest.Compute(f);
            loops.IsReducible.ShouldBeTrue($"seed {seed}");
            var dom = DominatorTree.Compute(f);
            foreach (var loop in loops.Loops)
            {
                loop.Blocks.ShouldAllBe(b => dom.Dominates(loop.Header, b), loop.ToString());
                loop.Latches.ShouldAllBe(l => l.Succs.Contains(loop.Header));
                if (loop.Parent is { } parent)
                {
                    loop.Blocks.ShouldAllBe(b => parent.Contains(b));
                }
            }
        }
    }
}
