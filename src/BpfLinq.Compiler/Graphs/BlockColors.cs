using System.Collections;
using System.Diagnostics.CodeAnalysis;
using QuikGraph;

namespace BpfLinq.Compiler.Graphs;

/// <summary>
/// The colour map QuikGraph's searches keep, over an array indexed by <see cref="IFlowGraph{TBlock}.IndexOf"/>
/// instead of a hash table: a search runs many times per compile, on graphs of a few blocks.
/// </summary>
/// <typeparam name="TBlock">The block type.</typeparam>
internal sealed class BlockColors<TBlock> : IDictionary<TBlock, GraphColor>
    where TBlock : class
{
    private readonly IFlowGraph<TBlock> _graph;
    private readonly GraphColor[] _colors;
    private readonly bool[] _present;

    public BlockColors(IFlowGraph<TBlock> graph)
    {
        _graph = graph;
        _colors = new GraphColor[graph.Nodes.Count];
        _present = new bool[graph.Nodes.Count];
    }

    public GraphColor this[TBlock key]
    {
        get => TryGetValue(key, out var c) ? c : throw new KeyNotFoundException($"{key} has no colour");
        set
        {
            var i = _graph.IndexOf(key);
            _colors[i] = value;
            _present[i] = true;
        }
    }

    public ICollection<TBlock> Keys => _graph.Nodes.Where(ContainsKey).ToList();

    public ICollection<GraphColor> Values => Keys.Select(k => this[k]).ToList();

    public int Count => _present.Count(p => p);

    public bool IsReadOnly => false;

    public void Add(TBlock key, GraphColor value)
    {
        if (ContainsKey(key))
        {
            throw new ArgumentException($"{key} already has a colour", nameof(key));
        }
        this[key] = value;
    }

    public void Add(KeyValuePair<TBlock, GraphColor> item) => Add(item.Key, item.Value);

    public void Clear() => Array.Clear(_present);

    public bool Contains(KeyValuePair<TBlock, GraphColor> item) => TryGetValue(item.Key, out var c) && c == item.Value;

    public bool ContainsKey(TBlock key) => _graph.IndexOf(key) is >= 0 and var i && _present[i];

    public void CopyTo(KeyValuePair<TBlock, GraphColor>[] array, int arrayIndex) => this.ToList().CopyTo(array, arrayIndex);

    public bool Remove(TBlock key)
    {
        if (!ContainsKey(key))
        {
            return false;
        }
        _present[_graph.IndexOf(key)] = false;
        return true;
    }

    public bool Remove(KeyValuePair<TBlock, GraphColor> item) => Contains(item) && Remove(item.Key);

    public bool TryGetValue(TBlock key, [MaybeNullWhen(false)] out GraphColor value)
    {
        var i = _graph.IndexOf(key);
        var found = i >= 0 && _present[i];
        value = found ? _colors[i] : default;
        return found;
    }

    public IEnumerator<KeyValuePair<TBlock, GraphColor>> GetEnumerator() =>
        Keys.Select(k => new KeyValuePair<TBlock, GraphColor>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
