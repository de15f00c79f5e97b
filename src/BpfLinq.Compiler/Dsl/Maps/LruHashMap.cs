using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A hash map that evicts the least recently used key when full (BPF_MAP_TYPE_LRU_HASH). The
/// managed model evicts exactly the least recently updated or looked-up key; the kernel's LRU is
/// approximate (per-CPU free lists), so which key goes first may differ when the map is full.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class LruHashMap<TKey, TValue> : HashMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    private readonly LinkedList<TKey> _order = [];

    /// <summary>Declares an LRU hash map.</summary>
    /// <param name="maxEntries">The capacity.</param>
    /// <param name="name">The kernel name.</param>
    public LruHashMap(int maxEntries, string? name = null)
        : base(MapType.LruHash, maxEntries, name)
    {
    }

    private protected override bool TryRead(TKey key, out TValue value)
    {
        if (!base.TryRead(key, out value))
        {
            return false;
        }
        Touch(key);
        return true;
    }

    private protected override long Erase(TKey key)
    {
        _order.Remove(key);
        return base.Erase(key);
    }

    private protected override void Reset()
    {
        _order.Clear();
        base.Reset();
    }

    private protected override bool MakeRoom()
    {
        if (_order.First is not { } oldest)
        {
            return false;
        }
        Store.Remove(oldest.Value);
        _order.RemoveFirst();
        return true;
    }

    private protected override void Touch(TKey key)
    {
        _order.Remove(key);
        _order.AddLast(key);
    }
}
