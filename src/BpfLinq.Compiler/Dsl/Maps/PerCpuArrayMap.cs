using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A per-CPU array (BPF_MAP_TYPE_PERCPU_ARRAY): each CPU has its own copy of every element, the
/// cheapest counters there are. The managed model is one CPU; from C# the live map gives one value per
/// possible CPU.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class PerCpuArrayMap<TValue> : ArrayMap<TValue>
    where TValue : unmanaged
{
    /// <summary>Declares a per-CPU array.</summary>
    /// <param name="maxEntries">The number of elements.</param>
    /// <param name="name">The kernel name.</param>
    public PerCpuArrayMap(int maxEntries, string? name = null)
        : base(MapType.PerCpuArray, maxEntries, name)
    {
    }
}
