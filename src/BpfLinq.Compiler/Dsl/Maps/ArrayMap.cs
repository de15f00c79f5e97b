using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// An array (BPF_MAP_TYPE_ARRAY): keys 0 to <see cref="MapDefinition.MaxEntries"/> − 1 always exist,
/// starting as zero; other keys are absent. Elements cannot be deleted (-EINVAL) and
/// <see cref="UpdateMode.NoExist"/> always fails (-EEXIST).
/// </summary>
/// <typeparam name="TValue">The value type.</typeparam>
public class ArrayMap<TValue> : KeyValueMap<uint, TValue>
    where TValue : unmanaged
{
    private readonly TValue[] _values;

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
        _values = new TValue[maxEntries];
    }

    private protected override bool TryRead(uint key, out TValue value)
    {
        value = key < _values.Length ? _values[key] : default;
        return key < _values.Length;
    }

    private protected override long Write(uint key, TValue value, UpdateMode mode)
    {
        if (key >= _values.Length)
        {
            return MapErrors.TooBig;
        }
        if (mode == UpdateMode.NoExist)
        {
            return MapErrors.Exists;
        }
        _values[key] = value;
        return 0;
    }

    private protected override long Erase(uint key) => MapErrors.Invalid;

    private protected override IEnumerable<KeyValuePair<uint, TValue>> Entries() =>
        _values.Select((v, i) => KeyValuePair.Create((uint)i, v));

    private protected override void Reset() => Array.Clear(_values);
}
