namespace BpfLinq.Compiler.Backend;

/// <summary>Orders of machine blocks that only need the successor edges.</summary>
internal static class MachineBlockOrder
{
    /// <summary>
    /// Reverse post-order from the entry; a branch's first target comes before its second, so
    /// the order is also a good first layout (joins after everything that reaches them).
    /// </summary>
    public static List<MachineBlock> ReversePostOrder(MachineFunction function)
    {
        var visited = new bool[function.Blocks.Count];
        var post = new List<MachineBlock>(function.Blocks.Count);
        var stack = new Stack<(MachineBlock Block, int Remaining)>();
        var entry = function.Blocks[0];
        stack.Push((entry, entry.Succs.Length));
        visited[entry.Id] = true;
        while (stack.Count > 0)
        {
            var (block, remaining) = stack.Pop();
            if (remaining > 0)
            {
                stack.Push((block, remaining - 1));
                var s = block.Succs[remaining - 1].Target;
                if (!visited[s.Id])
                {
                    visited[s.Id] = true;
                    stack.Push((s, s.Succs.Length));
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
}
