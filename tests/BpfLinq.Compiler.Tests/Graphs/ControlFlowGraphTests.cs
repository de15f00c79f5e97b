using System.Text.RegularExpressions;
using BpfLinq.Compiler.Tests.Isa;
using QuikGraph.Algorithms;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Graphs;

/// <summary>A compiled program's control-flow graphs: the IR's blocks and terminators, drawn by Graphviz.</summary>
public sealed partial class ControlFlowGraphTests
{
    /// <summary>The README's web filter: TCP to port 80 or 443 passes.</summary>
    internal static readonly BpfFilter<XdpMd> Web = Bpf.Filter<XdpMd>(x => x.Packet.Ipv4.Protocol == IpProtocol.Tcp
        && (x.Packet.Ipv4.Tcp.DestinationPort == 80 || x.Packet.Ipv4.Tcp.DestinationPort == 443) ? Pass : Drop);

    [Fact]
    public void The_graph_has_the_irs_blocks_and_one_edge_per_terminator_target()
    {
        var program = Web.Compile(ProgramKind.Xdp);
        var cfg = program.ControlFlowGraphs.ShouldHaveSingleItem();
        var ir = program.Ir.Split('\n');
        var labels = ir.Where(l => BlockLabel().IsMatch(l)).ToList();
        var targets = ir.Sum(l => l.StartsWith("  br ", StringComparison.Ordinal) ? 1 : l.StartsWith("  condbr ", StringComparison.Ordinal) ? 2 : 0);
        cfg.Graph.VertexCount.ShouldBe(labels.Count);
        cfg.Graph.EdgeCount.ShouldBe(targets);
        cfg.Graph.EdgeCount.ShouldBeGreaterThan(cfg.Graph.VertexCount - 1, "the filter branches");
        cfg.Entry.Name.ShouldBe("b0");
        cfg.Graph.Vertices.Select(b => b.Name).ShouldBe(labels.Select(l => l[..l.IndexOf(':')]));
        cfg.Graph.Vertices.Sum(b => b.Lines.Count).ShouldBe(ir.Count(l => l.StartsWith("  ", StringComparison.Ordinal)));
        cfg.Graph.Vertices.SelectMany(b => b.Lines).ShouldContain(l => l.Source != null && l.Source.Contains("Tcp.DestinationPort"));
        cfg.Graph.Vertices.SelectMany(b => b.Lines).ShouldAllBe(l => ir.Any(t => t.StartsWith("  " + l.Text, StringComparison.Ordinal)));
        // Any QuikGraph algorithm runs on it: a filter without loops sorts topologically, the entry first.
        cfg.Graph.TopologicalSort().First().ShouldBe(cfg.Entry);
    }

    [SkippableFact]
    public void Graphviz_draws_the_dot_as_svg()
    {
        var program = Web.Compile(ProgramKind.Xdp);
        var svg = ReferenceTool.Run("dot", ["-Tsvg"], program.ToDot());
        svg.ShouldContain("<svg");
        Regex.Count(svg, "class=\"node\"").ShouldBe(program.ControlFlowGraphs[0].Graph.VertexCount);
        Regex.Count(svg, "class=\"edge\"").ShouldBe(program.ControlFlowGraphs[0].Graph.EdgeCount);
    }

    [GeneratedRegex(@"^b\d+:")]
    private static partial Regex BlockLabel();
}
