namespace BpfLinq.Compiler.Ir;

/// <summary>Block orderings that only need the successor edges.</summary>
internal static class BlockOrder
{
    /// <summary>Reverse post-order from the entry (successors visited in terminator order).</summary>
    public static List<Block> ReversePostOrder(Function function)
    {
        var visited = new HashSet<Block>();
        var post = new List<Block>();
        // Iterative DFS over (block, successors still to visit). Successors are visited last to
        // first, so the first successor (a branch's "true" side) comes first in reverse post-order.
        var stack = new Stack<(Block Block, int Remaining)>();
        stack.Push((function.Entry, function.Entry.Succs.Count));
        visited.Add(function.Entry);
        while (stack.Count > 0)
        {
            var (block, remaining) = stack.Pop();
            if (remaining > 0)
            {
                stack.Push((block, remaining - 1));
                var s = block.Succs[remaining - 1];
                if (visited.Add(s))
                {
                    stack.Push((s, s.Succs.Count));
                }
            }
            else
            {
                post.Add(block);
            }
        }
        post.Reverse();
        return post;
    }

    /// <summary>Reverse post-order, then the unreachable blocks in their current order.</summary>
    public static List<Block> ReversePostOrderThenRest(Function function)
    {
        var order = ReversePostOrder(function);
        var seen = order.ToHashSet();
        order.AddRange(function.Blocks.Where(b => !seen.Contains(b)));
        return order;
    }
}
