using BpfLinq.Compiler.Graphs;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Sets <see cref="MachineBlock.LoopDepth"/>: the number of natural loops around each block. A
/// loop is found from its retreating edges (a successor not later in reverse post-order; the CFGs
/// lowered from expression trees are reducible, so these are exactly the back edges); its body is
/// what reaches the edge's source backwards without passing the header. The depth weighs spill
/// costs and copies, nothing more, so an irreducible CFG costs quality, not correctness.
/// </summary>
internal static class LoopDepth
{
    /// <summary>Computes the depths of <paramref name="function"/>'s blocks (its preds must be current).</summary>
    public static void Compute(MachineFunction function)
    {
        var rpo = DepthFirstOrder.ReversePostOrder(function);
        var position = new int[function.Blocks.Count];
        Array.Fill(position, -1);
        for (var i = 0; i < rpo.Count; i++)
        {
            position[rpo[i].Id] = i;
        }
        var sourcesByHeader = new SortedDictionary<int, List<MachineBlock>>();
        foreach (var b in rpo)
        {
            foreach (var edge in b.Succs)
            {
                if (position[edge.Target.Id] <= position[b.Id])
                {
                    if (!sourcesByHeader.TryGetValue(edge.Target.Id, out var list))
                    {
                        sourcesByHeader[edge.Target.Id] = list = [];
                    }
                    list.Add(b);
                }
            }
        }
        var inBody = new int[function.Blocks.Count];
        var stamp = 0;
        foreach (var (headerId, sources) in sourcesByHeader)
        {
            stamp++;
            var header = function.Blocks[headerId];
            inBody[headerId] = stamp;
            header.LoopDepth++;
            var work = new Stack<MachineBlock>(sources);
            while (work.Count > 0)
            {
                var x = work.Pop();
                if (inBody[x.Id] == stamp || position[x.Id] < 0)
                {
                    continue;
                }
                inBody[x.Id] = stamp;
                x.LoopDepth++;
                foreach (var (pred, _) in x.Preds)
                {
                    work.Push(pred);
                }
            }
        }
    }
}
