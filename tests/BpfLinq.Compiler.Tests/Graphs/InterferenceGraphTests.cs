using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Tests.Analysis;
using QuikGraph;
using QuikGraph.Algorithms;

namespace BpfLinq.Compiler.Tests.Graphs;

/// <summary>The register allocator's interference graph is a QuikGraph undirected graph over virtual registers.</summary>
public sealed class InterferenceGraphTests
{
    [Fact]
    public void The_interference_graph_is_an_undirected_graph_of_registers()
    {
        var machine = InstructionSelection.Select(AnalysisSamples.Parse(AnalysisSamples.NestedLoops));
        var ranges = LiveRanges.Initial(machine);
        var interference = InterferenceGraph.Build(ranges, Liveness.Compute(ranges));
        IUndirectedGraph<VReg, SUndirectedEdge<VReg>> g = interference;
        g.VertexCount.ShouldBe(ranges.Count);
        g.EdgeCount.ShouldBeGreaterThan(0);
        g.Edges.Count().ShouldBe(g.EdgeCount);
        foreach (var v in g.Vertices)
        {
            g.AdjacentDegree(v).ShouldBe(interference.Neighbors(v).Count);
            g.AdjacentEdges(v).ShouldAllBe(e => (e.Source == v || e.Target == v) && g.ContainsEdge(e.Target, e.Source));
        }
        // A QuikGraph algorithm on it as it is: every interference joins two registers of one component.
        var components = new Dictionary<VReg, int>();
        g.ConnectedComponents(components).ShouldBeGreaterThan(0);
        g.Edges.ShouldAllBe(e => components[e.Source] == components[e.Target]);
    }
}
