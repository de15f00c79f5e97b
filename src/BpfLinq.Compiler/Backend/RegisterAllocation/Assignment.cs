using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Color assignment by simplify/select with optimistic coloring (Chaitin; Briggs, Cooper and
// Torczon 1994). Simplify removes classes of degree < K (they can always be colored), and when
// none is left, the one cheapest to spill per neighbour, optimistically: it may still find a
// color. Select pops them and picks, among the registers no colored neighbour holds:
//   1. the register of a colored affinity partner (weight of the copies it would erase);
//      this is where the hints come from: r1 for the context and arguments, r0 for results and
//      the return value, since those copies go to or from physical registers;
//   2. with half weight, a register an uncolored partner could still take;
//   3. otherwise the first in CallingConvention.AllocationOrder (r1-r5, r6-r9, r0).
// A class that finds no register is an actual spill; the allocator spills its registers and
// starts another round.

/// <summary>Assigns registers to the classes of a <see cref="Coalescing"/>.</summary>
internal static class Assignment
{
    private const int K = Coalescing.K;

    /// <summary>
    /// Colors every node: <c>colors[n]</c> is the register of node n's class, or -1 when its class
    /// failed. Returns the failed representatives.
    /// </summary>
    public static List<int> Run(Coalescing graph, int[] colors)
    {
        var n = graph.Count;
        var repColor = new int[n];
        Array.Fill(repColor, -1);
        for (var r = 0; r < K; r++)
        {
            repColor[r] = r;
        }
        var stack = Simplify(graph);
        var failed = new List<int>();
        Span<double> score = stackalloc double[K];
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var forbidden = ForbiddenMask(graph, node, repColor);
            if (forbidden == (1 << K) - 1)
            {
                failed.Add(node);
                continue;
            }
            repColor[node] = Choose(graph, node, forbidden, repColor, score);
        }
        for (var i = 0; i < n; i++)
        {
            colors[i] = repColor[graph.Find(i)];
        }
        return failed;
    }

    private static Stack<int> Simplify(Coalescing graph)
    {
        var n = graph.Count;
        var degree = new int[n];
        var removed = new bool[n];
        var remaining = new List<int>();
        var low = new Queue<int>();
        for (var i = K; i < n; i++)
        {
            if (graph.Find(i) == i)
            {
                degree[i] = graph.Degree(i);
                remaining.Add(i);
                if (degree[i] < K)
                {
                    low.Enqueue(i);
                }
            }
        }
        var stack = new Stack<int>(remaining.Count);
        var left = remaining.Count;
        while (left > 0)
        {
            int node;
            if (low.Count > 0)
            {
                node = low.Dequeue();
                if (removed[node])
                {
                    continue;
                }
            }
            else
            {
                node = SpillCandidate(graph, remaining, removed, degree);
            }
            removed[node] = true;
            left--;
            stack.Push(node);
            foreach (var t in graph.Adjacent(node))
            {
                if (!LiveRanges.IsPrecolored(t) && !removed[t] && --degree[t] == K - 1)
                {
                    low.Enqueue(t);
                }
            }
        }
        return stack;
    }

    // Cheapest per neighbour; classes made only of spill temporaries come last (never spilled).
    private static int SpillCandidate(Coalescing graph, List<int> remaining, bool[] removed, int[] degree)
    {
        var best = -1;
        var bestScore = double.PositiveInfinity;
        foreach (var i in remaining)
        {
            if (removed[i])
            {
                continue;
            }
            var s = graph.IsSpillable(i) ? graph.Cost(i) / Math.Max(1, degree[i]) : double.MaxValue;
            if (best < 0 || s < bestScore)
            {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }

    private static int ForbiddenMask(Coalescing graph, int node, int[] repColor)
    {
        var mask = 0;
        foreach (var t in graph.Adjacent(node))
        {
            var c = repColor[t];
            if (c >= 0)
            {
                mask |= 1 << c;
            }
        }
        return mask;
    }

    private static int Choose(Coalescing graph, int node, int forbidden, int[] repColor, Span<double> score)
    {
        score.Clear();
        foreach (var a in graph.Partners(node))
        {
            var partner = graph.Find(graph.Find(a.A) == node ? a.B : a.A);
            if (partner == node)
            {
                continue;
            }
            var c = repColor[partner];
            if (c >= 0)
            {
                score[c] += a.Weight;
            }
            else if (!LiveRanges.IsPrecolored(partner))
            {
                var theirs = ForbiddenMask(graph, partner, repColor);
                for (var r = 0; r < K; r++)
                {
                    if ((theirs & (1 << r)) == 0)
                    {
                        score[r] += a.Weight / 2;
                    }
                }
            }
        }
        var best = -1;
        foreach (var r in CallingConvention.AllocationOrder)
        {
            var c = (int)r;
            if ((forbidden & (1 << c)) == 0 && (best < 0 || score[c] > score[best]))
            {
                best = c;
            }
        }
        return best;
    }

    /// <summary>The register of a color.</summary>
    public static Reg RegisterOf(int color) => (Reg)color;
}
