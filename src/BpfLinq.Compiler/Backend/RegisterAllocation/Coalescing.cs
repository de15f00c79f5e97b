namespace BpfLinq.Compiler.Backend.RegisterAllocation;

// Conservative coalescing (Briggs, Cooper and Torczon 1994; George and Appel 1996) over the
// interference graph of one round. Affinities are tried heaviest first (innermost loops first);
// two nodes merge when they do not interfere and the merge cannot make the graph harder to color:
//   * Briggs, two virtual nodes: the merged node has fewer than K neighbours of significant
//     degree (>= K, or precolored);
//   * George, a virtual node into a physical register r: every neighbour of the virtual node
//     already interferes with r, is precolored, or has insignificant degree.
// Merging is union-find over nodes; adjacency is kept per representative.

/// <summary>The interference graph after coalescing: representatives, their neighbours and merged costs.</summary>
internal sealed class Coalescing
{
    /// <summary>Number of colors (r0–r9).</summary>
    public const int K = VReg.PhysicalCount;

    // Past this many neighbours a class is coalesced by George's test and absorbs the smaller class
    // (below it, Briggs and the first node's class as representative, as always: the colouring
    // order, and so the code, of every ordinary program is unchanged).
    private const int LargeClass = 64;

    private readonly int[] _parent;
    private readonly HashSet<int>?[] _adjacent;
    private readonly double[] _cost;
    private readonly bool[] _spillable;
    // Each class's affinities as a linked list of entries (two per affinity, one per end), so
    // that a merge appends a whole class in constant time: copying lists made a chain of
    // 10,000 phis, coalesced one into the next, quadratic.
    private readonly List<Affinity> _affinities;
    private readonly int[] _head;
    private readonly int[] _tail;
    private readonly int[] _next;

    private Coalescing(LiveRanges ranges, InterferenceGraph graph)
    {
        var n = graph.Count;
        _parent = new int[n];
        _adjacent = new HashSet<int>?[n];
        _cost = (double[])graph.SpillCost.Clone();
        _spillable = new bool[n];
        _affinities = graph.Affinities;
        _head = new int[n];
        _tail = new int[n];
        _next = new int[2 * _affinities.Count];
        Array.Fill(_head, -1);
        for (var i = 0; i < n; i++)
        {
            _parent[i] = i;
            if (!LiveRanges.IsPrecolored(i))
            {
                var adjacent = _adjacent[i] = [];
                foreach (var t in graph.Neighbors(new VReg(i)))
                {
                    adjacent.Add(t.Index);
                }
                _spillable[i] = !ranges.IsTemporary(i);
            }
        }
        for (var k = 0; k < _affinities.Count; k++)
        {
            Append(_affinities[k].A, 2 * k, 2 * k);
            Append(_affinities[k].B, (2 * k) + 1, (2 * k) + 1);
        }
    }

    /// <summary>Number of nodes.</summary>
    public int Count => _parent.Length;

    /// <summary>Coalesces what can be coalesced safely.</summary>
    public static Coalescing Run(LiveRanges ranges, InterferenceGraph graph)
    {
        var c = new Coalescing(ranges, graph);
        var order = new int[graph.Affinities.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        // Heaviest first; among equals, those that pin a value to a physical register (a copy
        // lost there is a copy for sure, while two virtual registers may still meet by biased
        // coloring), then in the order the walk found them (deterministic).
        Array.Sort(order, (x, y) =>
        {
            var (a, b) = (graph.Affinities[x], graph.Affinities[y]);
            var byWeight = b.Weight.CompareTo(a.Weight);
            if (byWeight != 0)
            {
                return byWeight;
            }
            var byPhysical = IsPhysical(b).CompareTo(IsPhysical(a));
            return byPhysical != 0 ? byPhysical : x.CompareTo(y);
        });
        foreach (var i in order)
        {
            c.TryCoalesce(graph.Affinities[i]);
        }
        return c;
    }

    private static bool IsPhysical(Affinity a) => LiveRanges.IsPrecolored(a.A) || LiveRanges.IsPrecolored(a.B);

    /// <summary>The representative of a node's coalesced class.</summary>
    public int Find(int node)
    {
        while (_parent[node] != node)
        {
            _parent[node] = _parent[_parent[node]];
            node = _parent[node];
        }
        return node;
    }

    /// <summary>The neighbours of a virtual representative (representatives themselves).</summary>
    public HashSet<int> Adjacent(int representative) => _adjacent[representative]!;

    /// <summary>Neighbour count; precolored nodes count as infinitely constrained.</summary>
    public int Degree(int representative) =>
        LiveRanges.IsPrecolored(representative) ? int.MaxValue : _adjacent[representative]!.Count;

    /// <summary>Summed spill cost of a class.</summary>
    public double Cost(int representative) => _cost[representative];

    /// <summary>True when the class holds a register that may be spilled (not only temporaries).</summary>
    public bool IsSpillable(int representative) => _spillable[representative];

    /// <summary>The affinities of every member of a class.</summary>
    public IEnumerable<Affinity> Partners(int representative)
    {
        for (var e = _head[representative]; e >= 0; e = _next[e])
        {
            yield return _affinities[e >> 1];
        }
    }

    // Appends the entries first .. last (already linked) to a class's list.
    private void Append(int representative, int first, int last)
    {
        _next[last] = -1;
        if (_head[representative] < 0)
        {
            _head[representative] = first;
        }
        else
        {
            _next[_tail[representative]] = first;
        }
        _tail[representative] = last;
    }

    /// <summary>True when two representatives may not share a register.</summary>
    public bool Interferes(int x, int y) =>
        x != y && (LiveRanges.IsPrecolored(x) ? (!LiveRanges.IsPrecolored(y) && _adjacent[y]!.Contains(x)) : _adjacent[x]!.Contains(y));

    private void TryCoalesce(Affinity affinity)
    {
        var x = Find(affinity.A);
        var y = Find(affinity.B);
        if (LiveRanges.IsPrecolored(y))
        {
            (x, y) = (y, x);
        }
        if (x == y || LiveRanges.IsPrecolored(y) || Interferes(x, y))
        {
            return;
        }
        if (LiveRanges.IsPrecolored(x))
        {
            if (George(x, y))
            {
                Merge(y, x);
            }
            return;
        }
        if (_adjacent[x]!.Count > LargeClass || _adjacent[y]!.Count > LargeClass)
        {
            // Briggs reads both classes' neighbours, and a merge renames the joining class in each
            // of its neighbours' sets: with a class that grows link by link along a 10,000-link
            // chain, both would be quadratic. George's test (valid between virtual registers too)
            // reads only the smaller class's neighbours, and the larger class absorbs it.
            if (_adjacent[y]!.Count > _adjacent[x]!.Count)
            {
                (x, y) = (y, x);
            }
            if (Absorbs(x, y))
            {
                Merge(y, x);
            }
            return;
        }
        if (Briggs(x, y))
        {
            Merge(y, x);
        }
    }

    // George between virtual classes: each neighbour of y already interferes with x or is insignificant.
    private bool Absorbs(int x, int y)
    {
        foreach (var t in _adjacent[y]!)
        {
            if (Degree(t) >= K && !_adjacent[x]!.Contains(t))
            {
                return false;
            }
        }
        return true;
    }

    private bool George(int physical, int v)
    {
        foreach (var t in _adjacent[v]!)
        {
            if (!LiveRanges.IsPrecolored(t) && Degree(t) >= K && !_adjacent[t]!.Contains(physical))
            {
                return false;
            }
        }
        return true;
    }

    private bool Briggs(int x, int y)
    {
        var significant = 0;
        foreach (var t in _adjacent[x]!)
        {
            if (Degree(t) >= K && ++significant >= K)
            {
                return false;
            }
        }
        foreach (var t in _adjacent[y]!)
        {
            if (!_adjacent[x]!.Contains(t) && Degree(t) >= K && ++significant >= K)
            {
                return false;
            }
        }
        return true;
    }

    // Merges class `from` into class `into`.
    private void Merge(int from, int into)
    {
        _parent[from] = into;
        _cost[into] += _cost[from];
        _spillable[into] |= _spillable[from];
        if (_head[from] >= 0)
        {
            Append(into, _head[from], _tail[from]);
        }
        foreach (var t in _adjacent[from]!)
        {
            if (!LiveRanges.IsPrecolored(t))
            {
                _adjacent[t]!.Remove(from);
                _adjacent[t]!.Add(into);
            }
            if (!LiveRanges.IsPrecolored(into))
            {
                _adjacent[into]!.Add(t);
            }
        }
        _adjacent[from] = null;
    }
}
