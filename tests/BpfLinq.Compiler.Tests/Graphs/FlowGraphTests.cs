using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Tests.Analysis;
using QuikGraph;
using QuikGraph.Algorithms;

namespace BpfLinq.Compiler.Tests.Graphs;

/// <summary>The IR function and machine code are QuikGraph graphs as they are: its algorithms run on them.</summary>
public sealed class FlowGraphTests
{
    private const string EqualTargets = """
        func f(v0: i64) -> i64
        b0:
          v1 = cmp.eq.i64 v0, 0
          condbr v1, b1, b1
        b1: <- b0 b0
          ret v0
        """;

    [Fact]
    public void Blocks_are_vertices_and_terminator_targets_are_edges()
    {
        IBidirectionalGraph<Block, FlowEdge<Block>> g = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var f = (Function)g;
        g.VertexCount.ShouldBe(f.Blocks.Count);
        g.EdgeCount.ShouldBe(f.Blocks.Sum(b => b.Succs.Count));
        foreach (var b in f.Blocks)
        {
            g.OutEdges(b).Select(e => e.Target).ShouldBe(b.Succs);
            g.InEdges(b).Select(e => e.Source).ShouldBe(b.Preds, ignoreOrder: true);
            g.InEdges(b).ShouldAllBe(e => g.ContainsEdge(e) && e.Target == b);
        }
    }

    [Fact]
    public void A_branch_with_equal_targets_is_two_edges()
    {
        IBidirectionalGraph<Block, FlowEdge<Block>> g = AnalysisSamples.Parse(EqualTargets);
        var f = (Function)g;
        g.EdgeCount.ShouldBe(2);
        g.OutEdges(f.Blocks[0]).Select(e => e.Index).ShouldBe([0, 1]);
        g.InEdges(f.Blocks[1]).Select(e => e.Index).ShouldBe([0, 1]);
    }

    [Fact]
    public void QuikGraph_finds_the_loops_of_the_ir_as_strongly_connected_components()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var components = new Dictionary<Block, int>();
        f.StronglyConnectedComponents(components);
        // b1..b5 form one component (the outer loop holds the inner one); every other block is alone.
        var loop = f.Blocks.Where(b => b.Id is >= 1 and <= 5).Select(b => components[b]).Distinct().ShouldHaveSingleItem();
        f.Blocks.Where(b => b.Id is 0 or > 5).Select(b => components[b]).ShouldBeUnique();
        f.Blocks.Where(b => b.Id is 0 or > 5).ShouldAllBe(b => components[b] != loop);
        Should.Throw<NonAcyclicGraphException>(() => f.TopologicalSort().ToList());
    }

    [Fact]
    public void Machine_code_is_a_graph_too()
    {
        var f = AnalysisSamples.Parse(AnalysisSamples.NestedLoops);
        var machine = InstructionSelection.Select(f);
        machine.Number();
        IBidirectionalGraph<MachineBlock, FlowEdge<MachineBlock>> g = machine;
        g.VertexCount.ShouldBe(machine.Blocks.Count);
        g.EdgeCount.ShouldBe(machine.Blocks.Sum(b => b.Succs.Length));
        foreach (var b in machine.Blocks)
        {
            g.InEdges(b).ShouldAllBe(e => g.OutEdge(e.Source, e.Index) == e);
        }
        var order = DepthFirstOrder.ReversePostOrder(machine);
        order[0].ShouldBe(machine.Entry);
        order.ShouldBe(machine.Blocks, ignoreOrder: true);
    }
}
