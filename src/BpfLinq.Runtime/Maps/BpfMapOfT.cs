using System.Diagnostics.CodeAnalysis;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime;

/// <summary>
/// A typed, dictionary-like view of a live kernel map (hash, array, LRU hash, LPM trie, ...): what
/// programs wrote, read from C#. It does not own the fd (<see cref="Map"/> does). Enumeration walks
/// the keys with <c>BPF_MAP_GET_NEXT_KEY</c> while programs may be changing the map: a key deleted
/// meanwhile is skipped, and when the current key vanishes the kernel restarts from the first key,
/// so an entry may be seen twice; <see cref="LookupBatch"/> reads a consistent batch at a time.
/// Thread-safe as <see cref="BpfMap"/> is: each operation is one or more kernel operations, none
/// of them reaching another map after the owner is disposed (they throw <see cref="ObjectDisposedException"/>).
/// </summary>
/// <typeparam name="TKey">The key type (its size must equal the map's key size).</typeparam>
/// <typeparam name="TValue">The value type (its size must equal the map's value size).</typeparam>
public sealed class BpfMap<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : unmanaged
    where TValue : unmanaged
{
    private const int BatchSize = 256;

    internal BpfMap(BpfMap map)
    {
        // The in-memory size (bool: 1), which is what the map's layout and the byte views use;
        // Marshal.SizeOf is the P/Invoke marshalled size (bool: 4).
        if (Unsafe.SizeOf<TKey>() != map.KeySize || Unsafe.SizeOf<TValue>() != map.ValueBufferSize)
        {
            throw new ArgumentException(
                $"map '{map.Name}' has {map.KeySize}-byte keys and {map.ValueBufferSize}-byte values; {typeof(TKey).Name} and {typeof(TValue).Name} have {Unsafe.SizeOf<TKey>()} and {Unsafe.SizeOf<TValue>()}");
        }
        Map = map;
    }

    /// <summary>The raw map (owner of the fd).</summary>
    public BpfMap Map { get; }

    /// <summary>The value under a key.</summary>
    /// <exception cref="KeyNotFoundException">The key is absent (get).</exception>
    /// <exception cref="BpfException">The kernel refused the update (set: a full hash, an index beyond an array).</exception>
    public TValue this[TKey key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"map '{Map.Name}' has no element with key {key}");
        set => Map.Update(key, value);
    }

    /// <summary>The keys, in the kernel's order.</summary>
    public IEnumerable<TKey> Keys => Map.KeysAs<TKey>();

    /// <summary>The values, in key order.</summary>
    public IEnumerable<TValue> Values => this.Select(e => e.Value);

    /// <summary>The number of elements, counted by walking the keys (cost: one syscall per key).</summary>
    public int Count() => Keys.Count();

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => Map.TryLookup(key, out value);

    /// <summary>True when the key is present.</summary>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>Adds a new key.</summary>
    /// <exception cref="ArgumentException">The key is present.</exception>
    public void Add(TKey key, TValue value)
    {
        try
        {
            Map.Update(key, value, MapUpdateFlags.NoExist);
        }
        catch (BpfException e) when (e.Errno == Errno.EEXIST)
        {
            throw new ArgumentException($"map '{Map.Name}' already has key {key}", nameof(key), e);
        }
    }

    /// <summary>Stores a value with the kernel's update flags.</summary>
    public void Update(TKey key, TValue value, MapUpdateFlags flags = MapUpdateFlags.Any) => Map.Update(key, value, flags);

    /// <summary>Deletes a key; false when absent. Array elements cannot be deleted (<see cref="BpfException"/> EINVAL).</summary>
    public bool Remove(TKey key) => Map.Delete(key);

    /// <summary>
    /// Empties the map: hash-like maps lose every key; arrays, whose elements always exist, get every
    /// value zeroed.
    /// </summary>
    public void Clear()
    {
        if (Map.Type is MapType.Array or MapType.PerCpuArray)
        {
            foreach (var key in Keys.ToList())
            {
                Map.Update(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)), new byte[Map.ValueBufferSize]);
            }
            return;
        }
        foreach (var key in Keys.ToList())
        {
            Map.Delete(key);
        }
    }

    /// <summary>Every element, read <see cref="BatchSize"/> at a time with <c>BPF_MAP_LOOKUP_BATCH</c>.</summary>
    /// <exception cref="BpfException">The map type has no batch lookup (use enumeration).</exception>
    public IReadOnlyList<KeyValuePair<TKey, TValue>> LookupBatch()
    {
        var result = new List<KeyValuePair<TKey, TValue>>();
        var cursor = new MapBatchCursor();
        var keys = new TKey[BatchSize];
        var values = new TValue[BatchSize];
        while (!cursor.IsComplete)
        {
            var n = Map.LookupBatch(cursor, MemoryMarshal.AsBytes(keys.AsSpan()), MemoryMarshal.AsBytes(values.AsSpan()));
            for (var i = 0; i < n; i++)
            {
                result.Add(KeyValuePair.Create(keys[i], values[i]));
            }
        }
        return result;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (var key in Keys)
        {
            if (TryGetValue(key, out var value))
            {
                yield return KeyValuePair.Create(key, value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
