using QuikGraph;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>
/// The interference graph as QuikGraph's undirected graph: the vertices are the round's registers
/// (r0–r9, virtual registers and spill temporaries, each a <see cref="VReg"/> of its node id), an
/// edge joins two that may not share a register. Read from the allocator's own adjacency lists.
/// </summary>
internal sealed partial class InterferenceGraph : IUndirectedGraph<VReg, SUndirectedEdge<VReg>>
{
    /// <inheritdoc/>
    public bool IsDirected => false;

    /// <inheritdoc/>
    public bool AllowParallelEdges => false;

    /// <inheritdoc/>
    public EdgeEqualityComparer<VReg> EdgeEqualityComparer { get; } = EdgeExtensions.GetUndirectedVertexEquality<VReg, SUndirectedEdge<VReg>>();

    /// <inheritdoc/>
    public bool IsVerticesEmpty => Count == 0;

    /// <inheritdoc/>
    public int VertexCount => Count;

    /// <inheritdoc/>
    public IEnumerable<VReg> Vertices => Enumerable.Range(0, Count).Select(i => new VReg(i));

    /// <inheritdoc/>
    public bool IsEdgesEmpty => EdgeCount == 0;

    /// <inheritdoc/>
    public int EdgeCount => _adjacency.Sum(a => a.Count) / 2;

    /// <inheritdoc/>
    public IEnumerable<SUndirectedEdge<VReg>> Edges =>
        Vertices.SelectMany(v => _adjacency[v.Index].Where(t => v.Index < t.Index).Select(t => Edge(v, t)));

    /// <inheritdoc/>
    public bool ContainsVertex(VReg vertex) => (uint)vertex.Index < (uint)Count;

    /// <inheritdoc/>
    public bool ContainsEdge(SUndirectedEdge<VReg> edge) => Interferes(edge.Source, edge.Target);

    /// <inheritdoc/>
    public bool ContainsEdge(VReg source, VReg target) => Interferes(source, target);

    /// <inheritdoc/>
    public bool IsAdjacentEdgesEmpty(VReg vertex) => _adjacency[vertex.Index].Count == 0;

    /// <inheritdoc/>
    public int AdjacentDegree(VReg vertex) => _adjacency[vertex.Index].Count;

    /// <inheritdoc/>
    public IEnumerable<SUndirectedEdge<VReg>> AdjacentEdges(VReg vertex) => _adjacency[vertex.Index].Select(t => Edge(vertex, t));

    /// <inheritdoc/>
    public SUndirectedEdge<VReg> AdjacentEdge(VReg vertex, int index) => Edge(vertex, _adjacency[vertex.Index][index]);

    /// <inheritdoc/>
    public bool TryGetEdge(VReg source, VReg target, out SUndirectedEdge<VReg> edge)
    {
        var found = Interferes(source, target);
        edge = found ? Edge(source, target) : default;
        return found;
    }

    // QuikGraph's undirected edges name the smaller vertex first.
    private static SUndirectedEdge<VReg> Edge(VReg a, VReg b) => a.Index <= b.Index ? new(a, b) : new(b, a);
}
