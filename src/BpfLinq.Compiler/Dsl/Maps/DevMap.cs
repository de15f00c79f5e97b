using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A device map (BPF_MAP_TYPE_DEVMAP) for XDP redirects: slots 0 to <see cref="MapDefinition.MaxEntries"/> − 1,
/// each empty or holding an interface index that user space stores. In an XDP lambda,
/// <see cref="Redirect"/> sends the frame to the interface of a slot.
/// </summary>
public sealed class DevMap : KeyValueMap<uint, uint>
{
    private readonly Dictionary<uint, uint> _interfaces = [];

    /// <summary>Declares a device map.</summary>
    /// <param name="maxEntries">The number of slots.</param>
    /// <param name="name">The kernel name.</param>
    public DevMap(int maxEntries, string? name = null)
        : base(MapType.DevMap, maxEntries, 0, name)
    {
    }

    /// <summary>
    /// Redirects the frame to the interface in slot <paramref name="key"/> (<c>bpf_redirect_map</c>)
    /// and returns the action to return: XDP_REDIRECT (4), or, when the slot is empty,
    /// <paramref name="fallback"/> (an XDP action from 0 to 3: aborted, drop, pass, tx).
    /// </summary>
    /// <param name="key">The slot.</param>
    /// <param name="fallback">A constant XDP action for an empty slot.</param>
    public long Redirect(uint key, long fallback = 0)
    {
        lock (Gate)
        {
            return _interfaces.ContainsKey(key) ? 4 : fallback;
        }
    }

    private protected override bool TryRead(uint key, out uint value) => _interfaces.TryGetValue(key, out value);

    private protected override long Write(uint key, uint value, UpdateMode mode)
    {
        if (key >= MaxEntries)
        {
            return MapErrors.TooBig;
        }
        var exists = _interfaces.ContainsKey(key);
        if (mode == UpdateMode.NoExist && exists)
        {
            return MapErrors.Exists;
        }
        _interfaces[key] = value;
        return 0;
    }

    private protected override long Erase(uint key) => _interfaces.Remove(key) ? 0 : MapErrors.NoEntry;

    private protected override IEnumerable<KeyValuePair<uint, uint>> Entries() => _interfaces;

    private protected override void Reset() => _interfaces.Clear();
}
