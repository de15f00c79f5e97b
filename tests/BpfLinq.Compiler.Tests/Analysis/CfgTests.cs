using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Analysis;

public sealed class CfgTests
{
    [Fact]
    public void Edges_and_orders_are_those_of_the_blocks()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var cfg = Cfg.Compute(f);
        cfg.Count.ShouldBe(10);
        cfg.Succs(1).ShouldBe([2, 6]);
        cfg.Preds(2).ShouldBe([1, 3]);
        cfg.Preds(9).ShouldBe([7, 8]);
        cfg.ReversePostOrder.ShouldBe([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        cfg.PostOrder.ShouldBe(cfg.ReversePostOrder.Reverse());
        cfg.RpoNumber(6).ShouldBe(6);
    }

    [Fact]
    public void Unreachable_blocks_have_no_order_number_and_duplicate_edges_count_twice()
    {
        var f = IrParser.Parse("""
            func f(v0: i64) -> i64
            b0:
              v1 = cmp.eq.i64 v0, 0
              condbr v1, b1, b1
            b1: <- b0 b0
              ret 0
            b2:
              br b1
            """);
        var cfg = Cfg.Compute(f);
        cfg.Succs(0).ShouldBe([1, 1]);
        cfg.Preds(1).ShouldBe([0, 0, 2]);
        cfg.IsReachable(2).ShouldBeFalse();
        cfg.RpoNumber(2).ShouldBe(-1);
        cfg.ReversePostOrder.ShouldBe([0, 1]);
    }

    [Fact]
    public void A_graph_refuses_blocks_it_does_not_know()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var cfg = Cfg.Compute(f);
        var added = f.AddBlock();
        Should.Throw<InvalidOperationException>(() => cfg.Index(added)).Message.ShouldContain("changed after it was computed");
        cfg.Index(f.Blocks[3]).ShouldBe(3);
    }
}
