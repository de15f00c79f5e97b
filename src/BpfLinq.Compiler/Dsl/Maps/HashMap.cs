using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>A hash map (BPF_MAP_TYPE_HASH): at most <see cref="MapDefinition.MaxEntries"/> keys; updating a new key when full fails with -E2BIG.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public class HashMap<TKey, TValue> : KeyValueMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    private readonly Dictionary<TKey, TValue> _entries = [];

    /// <summary>Declares a hash map.</summary>
    /// <param name="maxEntries">The capacity.</param>
    /// <param name="name">The kernel name (letters, digits, '_', '.'; at most 15).</param>
#pragma warning disable RS0022 // deriving gains nothing: the base's overridable members are all private protected
    public HashMap(int maxEntries, string? name = null)
        : this(MapType.Hash, maxEntries, name)
    {
    }
#pragma warning restore RS0022

    private protected HashMap(MapType type, int maxEntries, string? name)
        : base(type, maxEntries, 0, name)
    {
    }

    private protected Dictionary<TKey, TValue> Store => _entries;

    private protected override bool TryRead(TKey key, out TValue value) => _entries.TryGetValue(key, out value);

    private protected override long Write(TKey key, TValue value, UpdateMode mode)
    {
        var exists = _entries.ContainsKey(key);
        if (mode == UpdateMode.NoExist && exists)
        {
            return MapErrors.Exists;
        }
        if (mode == UpdateMode.Exist && !exists)
        {
            return MapErrors.NoEntry;
        }
        if (!exists && _entries.Count >= MaxEntries && !MakeRoom())
        {
            return MapErrors.TooBig;
        }
        _entries[key] = value;
        Touch(key);
        return 0;
    }

    private protected override long Erase(TKey key) => _entries.Remove(key) ? 0 : MapErrors.NoEntry;

    private protected override IEnumerable<KeyValuePair<TKey, TValue>> Entries() => _entries;

    private protected override void Reset() => _entries.Clear();

    /// <summary>Frees an entry when the map is full; false when the map type cannot (a plain hash).</summary>
    private protected virtual bool MakeRoom() => false;

    /// <summary>Notes a use of <paramref name="key"/> (LRU order).</summary>
    private protected virtual void Touch(TKey key)
    {
    }
}
