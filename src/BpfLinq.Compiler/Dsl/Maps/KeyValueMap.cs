using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A map of keys to values, usable inside lambdas. Every method compiles to the kernel's map
/// helpers and has a managed implementation over the model <c>Evaluate</c> uses, with the kernel's
/// results: updates and deletes return 0 or a negative errno (<see cref="MapErrors"/>).
/// Methods return values, not void, because expression lambdas cannot hold statements: chain
/// effects with <see cref="Bpf.Then{TEffect, TResult}"/>.
/// </summary>
/// <typeparam name="TKey">A primitive or an unmanaged struct with sequential or explicit layout.</typeparam>
/// <typeparam name="TValue">A primitive or an unmanaged struct with sequential or explicit layout.</typeparam>
public abstract class KeyValueMap<TKey, TValue> : MapDefinition
    where TKey : unmanaged
    where TValue : unmanaged
{
    private protected KeyValueMap(MapType type, int maxEntries, uint flags, string? name)
        : base(type, typeof(TKey), typeof(TValue), SizeOf<TKey>(), SizeOf<TValue>(), maxEntries, flags, name)
    {
    }

    /// <summary>Guards the managed model.</summary>
    private protected object Gate { get; } = new();

    /// <summary>The value under <paramref name="key"/>, or <c>default</c> when there is none (<c>bpf_map_lookup_elem</c> with the null check).</summary>
    public TValue GetValueOrDefault(TKey key) => GetValueOrDefault(key, default);

    /// <summary>The value under <paramref name="key"/>, or <paramref name="defaultValue"/> when there is none.</summary>
    public TValue GetValueOrDefault(TKey key, TValue defaultValue)
    {
        lock (Gate)
        {
            return TryRead(key, out var value) ? value : defaultValue;
        }
    }

    /// <summary>True when the map holds <paramref name="key"/>.</summary>
    public bool ContainsKey(TKey key)
    {
        lock (Gate)
        {
            return TryRead(key, out _);
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> (<c>bpf_map_update_elem</c>).</summary>
    /// <returns>0, or -EEXIST, -ENOENT, -E2BIG as the kernel returns them.</returns>
    public long Update(TKey key, TValue value, UpdateMode mode = UpdateMode.Any)
    {
        lock (Gate)
        {
            return Write(key, value, mode);
        }
    }

    /// <summary>Deletes <paramref name="key"/> (<c>bpf_map_delete_elem</c>).</summary>
    /// <returns>0, -ENOENT when absent, -EINVAL for arrays (their elements cannot be deleted).</returns>
    public long Delete(TKey key)
    {
        lock (Gate)
        {
            return Erase(key);
        }
    }

    /// <summary>Adds 1 to the integer value under <paramref name="key"/>; see <see cref="Add"/>.</summary>
    public long Increment(TKey key) => Add(key, ManagedIntegers.One<TValue>());

    /// <summary>
    /// Adds <paramref name="delta"/> to the integer value under <paramref name="key"/> in place with a
    /// BPF atomic add (safe against other CPUs); an absent key is created holding <paramref name="delta"/>.
    /// </summary>
    /// <returns>0, or the error of creating the key (-E2BIG when full).</returns>
    public long Add(TKey key, TValue delta)
    {
        lock (Gate)
        {
            if (TryRead(key, out var value))
            {
                return Write(key, ManagedIntegers.Add(value, delta), UpdateMode.Any);
            }
            return Write(key, delta, UpdateMode.Any);
        }
    }

    /// <summary>
    /// Adds <paramref name="delta"/> to one integer field of the struct value under
    /// <paramref name="key"/> in place (a BPF atomic add for 4- and 8-byte fields); an absent key is
    /// created holding a value of zeros with the field set to <paramref name="delta"/>:
    /// <c>flows.Add(key, v =&gt; v.Bytes, (ulong)skb.Len)</c>.
    /// </summary>
    /// <typeparam name="TField">The field's integer type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="field">The field, written as a lambda over the value (nested fields too: <c>v =&gt; v.Totals.Bytes</c>).</param>
    /// <param name="delta">What to add.</param>
    /// <returns>0, or the error of creating the key (-E2BIG when full).</returns>
    public long Add<TField>(TKey key, System.Linq.Expressions.Expression<Func<TValue, TField>> field, TField delta)
        where TField : unmanaged
    {
        ArgumentNullException.ThrowIfNull(field);
        var offset = StructFields.OffsetOf(typeof(TValue), field);
        lock (Gate)
        {
            var value = TryRead(key, out var existing) ? existing : default;
            StructFields.Add(ref value, offset, delta);
            return Write(key, value, UpdateMode.Any);
        }
    }

    /// <summary>A copy of the managed model's entries, in key order of insertion.</summary>
    public IReadOnlyList<KeyValuePair<TKey, TValue>> ManagedEntries()
    {
        lock (Gate)
        {
            return [.. Entries()];
        }
    }

    /// <inheritdoc/>
    public override void ClearManaged()
    {
        lock (Gate)
        {
            Reset();
        }
    }

    private protected abstract bool TryRead(TKey key, out TValue value);

    private protected abstract long Write(TKey key, TValue value, UpdateMode mode);

    private protected abstract long Erase(TKey key);

    private protected abstract IEnumerable<KeyValuePair<TKey, TValue>> Entries();

    private protected abstract void Reset();
}
