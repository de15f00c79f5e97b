using BpfLinq.Compiler.Compilation;
using QuikGraph;

namespace BpfLinq;

/// <summary>
/// The control-flow graph of one compiled function's IR, after the pass pipeline: a read-only
/// QuikGraph graph whose vertices are the blocks and whose edges are their terminators' targets,
/// so any of QuikGraph's algorithms runs on it. <see cref="ToDot"/> renders it for Graphviz.
/// </summary>
public sealed class ControlFlowGraph
{
    internal ControlFlowGraph(string function, IrBlock entry, IBidirectionalGraph<IrBlock, IrEdge> graph)
    {
        Function = function;
        Entry = entry;
        Graph = graph;
    }

    /// <summary>The function's name (the program's, or a subprogram's).</summary>
    public string Function { get; }

    /// <summary>The block execution starts at.</summary>
    public IrBlock Entry { get; }

    /// <summary>The graph: blocks in IR order (the entry first), edges in terminator order.</summary>
    public IBidirectionalGraph<IrBlock, IrEdge> Graph { get; }

    /// <summary>The graph in Graphviz's DOT language (<c>dot -Tsvg</c> draws it): one box per block with its IR and C# source, branch edges labelled true and false.</summary>
    public string ToDot() => ControlFlowGraphDot.Write([this]);

    /// <summary>The function's name and size.</summary>
    public override string ToString() => $"{Function}: {Graph.VertexCount} blocks, {Graph.EdgeCount} edges";
}
