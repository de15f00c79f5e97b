using System.Diagnostics.CodeAnalysis;
using System.Collections;

namespace BpfLinq.Runtime;

/// <summary>
/// A typed view of a live per-CPU map: each key holds one value per possible CPU, given as an array
/// in CPU order (sum them for a total). It does not own the fd (<see cref="Map"/> does).
/// Thread-safe as <see cref="BpfMap"/> is.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The per-CPU value type.</typeparam>
public sealed class PerCpuBpfMap<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue[]>>
    where TKey : unmanaged
    where TValue : unmanaged
{
    internal PerCpuBpfMap(BpfMap map) => Map = map;

    /// <summary>The raw map (owner of the fd).</summary>
    public BpfMap Map { get; }

    /// <summary>The values under a key, one per possible CPU.</summary>
    /// <exception cref="KeyNotFoundException">The key is absent.</exception>
    public TValue[] this[TKey key] =>
        TryGetValue(key, out var values) ? values : throw new KeyNotFoundException($"map '{Map.Name}' has no element with key {key}");

    /// <summary>The keys.</summary>
    public IEnumerable<TKey> Keys => Map.KeysAs<TKey>();

    /// <summary>Looks a key up: one value per possible CPU.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue[] values) => Map.TryLookupPerCpu(key, out values);

    /// <summary>Stores one value per possible CPU.</summary>
    public void Update(TKey key, ReadOnlySpan<TValue> values) => Map.UpdatePerCpu(key, values);

    /// <summary>Deletes a key (hash maps); false when absent.</summary>
    public bool Remove(TKey key) => Map.Delete(key);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue[]>> GetEnumerator()
    {
        foreach (var key in Keys)
        {
            if (TryGetValue(key, out var values))
            {
                yield return KeyValuePair.Create(key, values);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
