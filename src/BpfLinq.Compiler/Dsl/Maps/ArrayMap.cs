using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// An array (BPF_MAP_TYPE_ARRAY): keys 0 to <see cref="MapDefinition.MaxEntries"/> − 1 always exist,
/// starting as zero; other keys are absent. Elements cannot be deleted (-EINVAL) and
/// <see cref="UpdateMode.NoExist"/> always fails (-EEXIST). The managed model stores only the
/// elements written since the last clear (an element never written reads 0), so a large capacity
/// costs nothing until it is used.
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public class ArrayMap<TValue> : KeyValueMap<uint, TValue>
    where TValue : unmanaged
{
    private readonly Dictionary<uint, TValue> _written = [];

    /// <summary>Declares an array.</summary>
    /// <param name="maxEntries">The number of elements.</param>
    /// <param name="name">The kernel name.</param>
#pragma warning disable RS0022 // deriving gains nothing: the base's overridable members are all private protected
    public ArrayMap(int maxEntries, string? name = null)
        : this(MapType.Array, maxEntries, name)
    {
    }
#pragma warning restore RS0022

    private protected ArrayMap(MapType type, int maxEntries, string? name)
        : base(type, maxEntries, 0, name)
    {
    }

    private protected override bool TryRead(uint key, out TValue value)
    {
        if (!Exists(key))
        {
            value = default;
            return false;
        }
        value = _written.GetValueOrDefault(key);
        return true;
    }

    private protected override long Write(uint key, TValue value, UpdateMode mode)
    {
        if (!Exists(key))
        {
            return MapErrors.TooBig;
        }
        if (mode == UpdateMode.NoExist)
        {
            return MapErrors.Exists;
        }
        _written[key] = value;
        return 0;
    }

    private protected override long Erase(uint key) => MapErrors.Invalid;

    // Every element exists, written or not: all MaxEntries of them, in index order.
    private protected override IEnumerable<KeyValuePair<uint, TValue>> Entries()
    {
        for (uint key = 0; key < (uint)MaxEntries; key++)
        {
            yield return KeyValuePair.Create(key, _written.GetValueOrDefault(key));
        }
    }

    private protected override void Reset() => _written.Clear();

    private bool Exists(uint key) => key < (uint)MaxEntries;
}
