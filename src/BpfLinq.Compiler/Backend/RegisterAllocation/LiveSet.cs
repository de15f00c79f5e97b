namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>
/// The set of nodes live at the current point of a backward walk: constant-time add, remove and
/// membership, and iteration over the members only (Briggs and Torczon's sparse set), so building
/// the interference graph costs the number of edges, not nodes times points.
/// </summary>
internal sealed class LiveSet
{
    private readonly int[] _dense;
    private readonly int[] _sparse;

    /// <summary>Creates an empty set for nodes 0 .. capacity-1.</summary>
    public LiveSet(int capacity)
    {
        _dense = new int[capacity];
        _sparse = new int[capacity];
    }

    /// <summary>Number of members.</summary>
    public int Count { get; private set; }

    /// <summary>Member <paramref name="i"/> in insertion order (changes as members are removed).</summary>
    public int this[int i] => _dense[i];

    /// <summary>True when <paramref name="node"/> is a member.</summary>
    public bool Contains(int node)
    {
        var i = _sparse[node];
        return i < Count && _dense[i] == node;
    }

    /// <summary>Adds <paramref name="node"/>.</summary>
    public void Add(int node)
    {
        if (!Contains(node))
        {
            _sparse[node] = Count;
            _dense[Count++] = node;
        }
    }

    /// <summary>Removes <paramref name="node"/>.</summary>
    public void Remove(int node)
    {
        if (Contains(node))
        {
            var i = _sparse[node];
            var last = _dense[--Count];
            _dense[i] = last;
            _sparse[last] = i;
        }
    }

    /// <summary>Replaces the contents with the members of <paramref name="set"/>.</summary>
    public void Reset(ReadOnlySpan<int> set)
    {
        Count = 0;
        foreach (var n in set)
        {
            Add(n);
        }
    }
}
