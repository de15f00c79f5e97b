namespace BpfLinq.Compiler.Backend;

// Block layout: the order blocks are emitted in, chosen so that as many edges as possible fall
// through. Reverse post-order already puts a join after everything reaching it and a loop body
// after its header; the depth-first search visits the successor wanted as the fall-through last,
// so that it is placed right after its predecessor whenever nothing else claims that spot:
// a branch's false target ("if cond goto T" falls into F), a jump's only target.

/// <summary>Orders the blocks (labels) of the emitted code.</summary>
internal static class BlockLayout
{
    /// <summary>
    /// The labels reachable from <paramref name="entry"/>, in emission order.
    /// <paramref name="successors"/>[l] lists l's targets, the preferred fall-through last.
    /// </summary>
    public static List<int> Order(IReadOnlyList<int[]> successors, int entry)
    {
        var visited = new bool[successors.Count];
        var post = new List<int>(successors.Count);
        var stack = new Stack<(int Label, int Next)>();
        stack.Push((entry, 0));
        visited[entry] = true;
        while (stack.Count > 0)
        {
            var (label, next) = stack.Pop();
            var succs = successors[label];
            if (next < succs.Length)
            {
                stack.Push((label, next + 1));
                var s = succs[next];
                if (!visited[s])
                {
                    visited[s] = true;
                    stack.Push((s, 0));
                }
            }
            else
            {
                post.Add(label);
            }
        }
        post.Reverse();
        return post;
    }
}
