using BpfLinq.Compiler.Ir;
using QuikGraph;

namespace BpfLinq.Compiler.Compilation;

/// <summary>Builds the public <see cref="ControlFlowGraph"/> of an IR function from the printer's layout, so its blocks read as <see cref="CompiledProgram.Ir"/> does.</summary>
internal static class ControlFlowGraphs
{
    /// <summary>The graph of <paramref name="function"/> as it stands.</summary>
    public static ControlFlowGraph Build(Function function)
    {
        var printed = IrPrinter.Layout(function);
        var blocks = new Dictionary<Block, IrBlock>(printed.Blocks.Count);
        var graph = new BidirectionalGraph<IrBlock, IrEdge>(allowParallelEdges: true, printed.Blocks.Count);
        foreach (var b in printed.Blocks)
        {
            var lines = b.Lines.Select(l => new IrLine(l.Text.TrimStart(), l.Source?.Text, l.Source?.Path)).ToList();
            var vertex = new IrBlock(b.Name, lines);
            blocks.Add(b.Block, vertex);
            graph.AddVertex(vertex);
        }
        foreach (var b in printed.Blocks)
        {
            var targets = b.Block.Succs;
            for (var t = 0; t < targets.Count; t++)
            {
                graph.AddEdge(new IrEdge(blocks[b.Block], blocks[targets[t]], t, IsConditional: targets.Count > 1));
            }
        }
        return new ControlFlowGraph(function.Name, blocks[function.Entry], graph.ToArrayBidirectionalGraph());
    }
}
