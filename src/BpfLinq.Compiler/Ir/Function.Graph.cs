using BpfLinq.Compiler.Graphs;
using QuikGraph;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// The function's control-flow graph as QuikGraph sees it, read straight from the blocks'
/// terminators and predecessor lists (nothing is copied, so it is never stale).
/// </summary>
internal sealed partial class Function : IFlowGraph<Block>
{
    IReadOnlyList<Block> IFlowGraph<Block>.Nodes => Compacted();

    // A search scanning the list for each block it meets is quadratic in a function of 10,000 blocks:
    // each block keeps its position, renewed for all at once after blocks were removed or reordered.
    int IFlowGraph<Block>.IndexOf(Block block)
    {
        Compacted();
        if (_positionsStale)
        {
            for (var i = 0; i < _blocks.Count; i++)
            {
                _blocks[i].Position = i;
            }
            _positionsStale = false;
        }
        return (uint)block.Position < (uint)_blocks.Count && _blocks[block.Position] == block ? block.Position : -1;
    }

    int IFlowGraph<Block>.ShapeVersion => ShapeVersion;

    Block IFlowGraph<Block>.Predecessor(Block block, int index) => block.Preds[index];

    int IImplicitGraph<Block, FlowEdge<Block>>.OutDegree(Block vertex) => vertex.Succs.Count;

    FlowEdge<Block> IImplicitGraph<Block, FlowEdge<Block>>.OutEdge(Block vertex, int index) => new(vertex, vertex.Succs[index], index);

    int IBidirectionalIncidenceGraph<Block, FlowEdge<Block>>.InDegree(Block vertex) => vertex.Preds.Count;

    /// <summary>
    /// The predecessor list holds a block once per edge without saying which target it is; the
    /// k-th occurrence of a predecessor is its k-th target that names this block.
    /// </summary>
    FlowEdge<Block> IBidirectionalIncidenceGraph<Block, FlowEdge<Block>>.InEdge(Block vertex, int index)
    {
        var pred = vertex.Preds[index];
        var occurrence = 0;
        for (var i = 0; i < index; i++)
        {
            if (vertex.Preds[i] == pred)
            {
                occurrence++;
            }
        }
        var targets = pred.Succs;
        for (var t = 0; t < targets.Count; t++)
        {
            if (targets[t] == vertex && occurrence-- == 0)
            {
                return new(pred, vertex, t);
            }
        }
        throw new InvalidOperationException($"{pred} is a predecessor of {vertex} but does not branch to it");
    }
}
