using BpfLinq.Compiler.Graphs;
using QuikGraph;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Machine code's control-flow graph as QuikGraph sees it, read from the terminators' targets
/// and the predecessor lists <see cref="Number"/> fills (in-edges are only as current as those).
/// </summary>
internal sealed partial class MachineFunction : IFlowGraph<MachineBlock>
{
    /// <summary>The entry block.</summary>
    public MachineBlock Entry => Blocks[0];

    IReadOnlyList<MachineBlock> IFlowGraph<MachineBlock>.Nodes => Blocks;

    int IFlowGraph<MachineBlock>.IndexOf(MachineBlock block) =>
        (uint)block.Id < (uint)Blocks.Count && Blocks[block.Id] == block ? block.Id : -1;

    MachineBlock IFlowGraph<MachineBlock>.Predecessor(MachineBlock block, int index) => block.Preds[index].Block;

    int IImplicitGraph<MachineBlock, FlowEdge<MachineBlock>>.OutDegree(MachineBlock vertex) => vertex.Succs.Length;

    FlowEdge<MachineBlock> IImplicitGraph<MachineBlock, FlowEdge<MachineBlock>>.OutEdge(MachineBlock vertex, int index) =>
        new(vertex, vertex.Succs[index].Target, index);

    int IBidirectionalIncidenceGraph<MachineBlock, FlowEdge<MachineBlock>>.InDegree(MachineBlock vertex) => vertex.Preds.Count;

    FlowEdge<MachineBlock> IBidirectionalIncidenceGraph<MachineBlock, FlowEdge<MachineBlock>>.InEdge(MachineBlock vertex, int index)
    {
        var (pred, target) = vertex.Preds[index];
        return new(pred, vertex, target);
    }
}
