using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A per-CPU hash map (BPF_MAP_TYPE_PERCPU_HASH): each CPU sees its own value under a key, so
/// programs update it without contention. The managed model is one CPU; from C# the live map gives
/// one value per possible CPU.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class PerCpuHashMap<TKey, TValue> : HashMap<TKey, TValue>
    where TKey : unmanaged
    where TValue : unmanaged
{
    /// <summary>Declares a per-CPU hash map.</summary>
    /// <param name="maxEntries">The capacity.</param>
    /// <param name="name">The kernel name.</param>
    public PerCpuHashMap(int maxEntries, string? name = null)
        : base(MapType.PerCpuHash, maxEntries, name)
    {
    }
}
