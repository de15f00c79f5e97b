using System.Globalization;
using System.Text;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// Writes control-flow graphs in Graphviz's DOT language: a box per block listing its IR under the
/// C# expressions it came from, edges in terminator order, a conditional branch's labelled true/false.
/// Several functions become one cluster each.
/// </summary>
internal static class ControlFlowGraphDot
{
    private const int SourceWidth = 60;

    /// <summary>One digraph holding <paramref name="graphs"/> (a cluster per function when there are several).</summary>
    public static string Write(IReadOnlyList<ControlFlowGraph> graphs)
    {
        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(graphs.Count == 1 ? graphs[0].Function : "program")).Append(" {\n");
        sb.Append("  node [shape=box, fontname=\"monospace\", fontsize=10];\n");
        sb.Append("  edge [fontname=\"monospace\", fontsize=9];\n");
        for (var k = 0; k < graphs.Count; k++)
        {
            var g = graphs[k];
            var prefix = graphs.Count == 1 ? "" : "f" + k.ToString(CultureInfo.InvariantCulture) + "_";
            var indent = graphs.Count == 1 ? "  " : "    ";
            if (graphs.Count > 1)
            {
                sb.Append("  subgraph cluster_").Append(k).Append(" {\n    label=").Append(Quote(g.Function)).Append(";\n");
            }
            foreach (var block in g.Graph.Vertices)
            {
                sb.Append(indent).Append(prefix).Append(block.Name).Append(" [label=").Append(Label(block)).Append("];\n");
            }
            foreach (var edge in g.Graph.Edges)
            {
                sb.Append(indent).Append(prefix).Append(edge.Source.Name).Append(" -> ").Append(prefix).Append(edge.Target.Name);
                if (edge.IsConditional)
                {
                    sb.Append(" [label=\"").Append(edge.Index == 0 ? "true" : "false").Append("\"]");
                }
                sb.Append(";\n");
            }
            if (graphs.Count > 1)
            {
                sb.Append("  }\n");
            }
        }
        return sb.Append("}\n").ToString();
    }

    // Left-justified lines (\l). As in the disassembly, each C# expression heads the lines it produced.
    private static string Label(IrBlock block)
    {
        var sb = new StringBuilder(block.Name).Append(":\\l");
        string? current = null;
        foreach (var line in block.Lines)
        {
            if (line.Source is { } source && source != current)
            {
                var shown = source.Length <= SourceWidth ? source : source[..(SourceWidth - 3)] + "...";
                sb.Append("; ").Append(Escape(shown)).Append("\\l");
            }
            current = line.Source ?? current;
            sb.Append("  ").Append(Escape(line.Text)).Append("\\l");
        }
        return "\"" + sb + "\"";
    }

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
