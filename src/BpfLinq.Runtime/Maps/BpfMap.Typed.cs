using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BpfLinq.Runtime;

// Typed convenience over the byte-span operations: keys and values are unmanaged structs or
// primitives whose size must equal the map's key size and value size. Per-CPU maps have their own
// methods, because one lookup yields one value per possible CPU.
public sealed partial class BpfMap
{
    /// <summary>Looks a key up.</summary>
    /// <returns>False when the key is not in the map.</returns>
    /// <exception cref="ArgumentException">The types do not match the map's sizes (or the map is per-CPU).</exception>
    public bool TryLookup<TKey, TValue>(TKey key, [MaybeNullWhen(false)] out TValue value)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        value = default;
        return TryLookup(AsBytes(ref key), MemoryMarshal.AsBytes(new Span<TValue>(ref value)));
    }

    /// <summary>Looks a key up.</summary>
    /// <exception cref="KeyNotFoundException">The key is not in the map.</exception>
    public TValue Lookup<TKey, TValue>(TKey key)
        where TKey : unmanaged
        where TValue : unmanaged
        => TryLookup(key, out TValue value)
            ? value
            : throw new KeyNotFoundException($"{Description} has no element with key {key}");

    /// <summary>Stores a value under a key.</summary>
    /// <exception cref="BpfException">See <see cref="Update(ReadOnlySpan{byte}, ReadOnlySpan{byte}, MapUpdateFlags)"/>.</exception>
    public void Update<TKey, TValue>(TKey key, TValue value, MapUpdateFlags flags = MapUpdateFlags.Any)
        where TKey : unmanaged
        where TValue : unmanaged
        => Update(AsBytes(ref key), AsBytes(ref value), flags);

    /// <summary>Deletes a key.</summary>
    /// <returns>False when the key was not in the map.</returns>
    public bool Delete<TKey>(TKey key)
        where TKey : unmanaged
        => Delete(AsBytes(ref key));

    /// <summary>The keys, typed.</summary>
    public IEnumerable<TKey> KeysAs<TKey>()
        where TKey : unmanaged
    {
        if (Unsafe.SizeOf<TKey>() != KeySize)
        {
            throw new ArgumentException($"{Description} has {KeySize}-byte keys; {typeof(TKey).Name} has {Unsafe.SizeOf<TKey>()} bytes");
        }
        return Keys.Select(bytes => MemoryMarshal.Read<TKey>(bytes));
    }

    /// <summary>Looks a key of a per-CPU map up: one value per possible CPU, in CPU order.</summary>
    /// <returns>False when the key is not in the map.</returns>
    public bool TryLookupPerCpu<TKey, TValue>(TKey key, [MaybeNullWhen(false)] out TValue[] values)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        int slot = CheckPerCpuSlot<TValue>();
        byte[] buffer = new byte[ValueBufferSize];
        if (!TryLookup(AsBytes(ref key), buffer))
        {
            values = [];
            return false;
        }
        values = new TValue[ValueBufferSize / slot];
        for (int cpu = 0; cpu < values.Length; cpu++)
        {
            values[cpu] = MemoryMarshal.Read<TValue>(buffer.AsSpan(cpu * slot));
        }
        return true;
    }

    /// <summary>Stores one value per possible CPU under a key of a per-CPU map.</summary>
    /// <exception cref="ArgumentException">Not one value per possible CPU.</exception>
    public void UpdatePerCpu<TKey, TValue>(TKey key, ReadOnlySpan<TValue> values, MapUpdateFlags flags = MapUpdateFlags.Any)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        int slot = CheckPerCpuSlot<TValue>();
        if (values.Length * slot != ValueBufferSize)
        {
            throw new ArgumentException($"{Description} needs one value per possible CPU ({ValueBufferSize / slot}); got {values.Length}", nameof(values));
        }
        byte[] buffer = new byte[ValueBufferSize];
        for (int cpu = 0; cpu < values.Length; cpu++)
        {
            MemoryMarshal.Write(buffer.AsSpan(cpu * slot), in values[cpu]);
        }
        Update(AsBytes(ref key), buffer, flags);
    }

    private int CheckPerCpuSlot<TValue>()
        where TValue : unmanaged
    {
        if (ValueBufferSize == ValueSize || Unsafe.SizeOf<TValue>() != ValueSize)
        {
            throw new ArgumentException(
                $"{Description} is {(ValueBufferSize == ValueSize ? "not per-CPU" : $"per-CPU with {ValueSize}-byte values; {typeof(TValue).Name} has {Unsafe.SizeOf<TValue>()} bytes")}");
        }
        return (ValueSize + 7) & ~7;
    }

    private static Span<byte> AsBytes<T>(ref T value)
        where T : unmanaged
        => MemoryMarshal.AsBytes(new Span<T>(ref value));
}
