using System.Diagnostics.CodeAnalysis;
using BpfLinq.Compiler.Btf;
using BpfLinq.Runtime.Btf;
using BpfLinq.Maps;

namespace BpfLinq.Runtime;

/// <summary>
/// The kernel maps behind a set of <see cref="MapDefinition"/>s: one kernel map per definition,
/// created on first use (when a program that uses it is loaded with this set) and shared by every
/// program loaded with the same set. Disposing closes the fds; a kernel map lives on while a program
/// or a pin holds it. Constant maps (<see cref="MapDefinition.FrozenContents"/>) are written and
/// frozen as they are created.
/// Thread-safe: one set may be shared by every thread of a service. Concurrent loads get the same
/// kernel map for a definition (created once, under the set's lock), and <see cref="Dispose"/> may
/// race with them: a map is either created before it and closed by it, or refused with
/// <see cref="ObjectDisposedException"/>.
/// <code>
/// var counts = new HashMap&lt;uint, ulong&gt;(1024, "counts");
/// using var maps = new BpfMaps();
/// using var program = filter.Compile(ProgramKind.SocketFilter).Load(maps);
/// ulong ipv4 = maps[counts].Lookup&lt;uint, ulong&gt;(0x0800);
/// </code>
/// </summary>
public sealed class BpfMaps : IDisposable
{
    private readonly Dictionary<MapDefinition, BpfMap> _maps = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>The kernel map of a definition already created or opened in this set.</summary>
    /// <exception cref="KeyNotFoundException">No program using it was loaded with this set, and it was not created with <see cref="GetOrCreate"/>.</exception>
    public BpfMap this[MapDefinition definition] =>
        TryGet(definition, out var map)
            ? map
            : throw new KeyNotFoundException($"{definition} has no kernel map in this set yet: load a program that uses it, or call GetOrCreate");

    /// <summary>A typed view of the kernel map of a key-value map definition (creating the map if needed).</summary>
    public BpfMap<TKey, TValue> Get<TKey, TValue>(KeyValueMap<TKey, TValue> definition)
        where TKey : unmanaged
        where TValue : unmanaged => new(GetOrCreate(definition));

    /// <summary>A typed per-CPU view (values as one array element per possible CPU).</summary>
    public PerCpuBpfMap<TKey, TValue> GetPerCpu<TKey, TValue>(PerCpuHashMap<TKey, TValue> definition)
        where TKey : unmanaged
        where TValue : unmanaged => new(GetOrCreate(definition));

    /// <summary>A typed per-CPU view of a per-CPU array.</summary>
    public PerCpuBpfMap<uint, TValue> GetPerCpu<TValue>(PerCpuArrayMap<TValue> definition)
        where TValue : unmanaged => new(GetOrCreate(definition));

    /// <summary>A reader of the records programs output to a ring buffer (dispose it before the set).</summary>
    public RingBufferReader<TEvent> OpenReader<TEvent>(RingBuffer<TEvent> definition)
        where TEvent : unmanaged => new(GetOrCreate(definition));

    /// <summary>The definitions with kernel maps in this set (a snapshot).</summary>
    public IReadOnlyCollection<MapDefinition> Definitions
    {
        get
        {
            lock (_gate)
            {
                return [.. _maps.Keys];
            }
        }
    }

    /// <summary>The kernel map of a definition, if it has one in this set.</summary>
    public bool TryGet(MapDefinition definition, [MaybeNullWhen(false)] out BpfMap map)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            return _maps.TryGetValue(definition, out map!);
        }
    }

    /// <summary>The kernel map of a definition, created now if it has none.</summary>
    /// <exception cref="BpfException">The kernel refused the map.</exception>
    /// <exception cref="ObjectDisposedException">The set was disposed.</exception>
    public BpfMap GetOrCreate(MapDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        // Creation under the lock: a second thread waits for the first one's map instead of making its own.
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_maps.TryGetValue(definition, out var existing))
            {
                return existing;
            }
            var map = Create(definition);
            _maps.Add(definition, map);
            return map;
        }
    }

    private static BpfMap Create(MapDefinition definition)
    {
        // Key and value BTF (field names in bpftool map dump); the kernel keeps its own reference.
        var btf = definition.Btf;
        using var btfObject = btf is null ? null : BtfObject.Load(btf.Data.Span);
        var map = BpfMap.Create(new MapCreateOptions
        {
            Type = definition.Type,
            KeySize = definition.KeySize,
            ValueSize = definition.ValueSize,
            MaxEntries = definition.MaxEntries,
            Flags = (MapFlags)definition.Flags,
            Name = definition.Name,
            Btf = btfObject,
            BtfKeyTypeId = (uint)(btf?.KeyTypeId ?? 0),
            BtfValueTypeId = (uint)(btf?.ValueTypeId ?? 0),
        });
        try
        {
            if (definition.FrozenContents is { } contents)
            {
                foreach (var (key, value) in contents)
                {
                    map.Update(key, value);
                }
                map.Freeze(); // read-only for user space too: the verifier then trusts the bytes
            }
        }
        catch
        {
            map.Dispose();
            throw;
        }
        return map;
    }

    /// <summary>
    /// Uses the map pinned at <paramref name="path"/> for <paramref name="definition"/> (a map another
    /// process or an earlier run created and pinned), after checking that its shape matches.
    /// </summary>
    /// <exception cref="InvalidOperationException">The definition already has a map in this set, or the pinned map's type, key or value size, capacity or flags differ.</exception>
    /// <exception cref="ArgumentException">The path is empty or contains a NUL character.</exception>
    /// <exception cref="ObjectDisposedException">The set was disposed.</exception>
    public BpfMap OpenPinned(MapDefinition definition, string path)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_maps.ContainsKey(definition))
            {
                throw new InvalidOperationException($"{definition} already has a kernel map in this set");
            }
            var map = BpfMap.OpenPinned(path);
            if (PinnedMapMismatch.Describe(map, definition) is { } mismatch)
            {
                map.Dispose();
                throw new InvalidOperationException($"the map pinned at '{path}' is not what {definition} needs: it {mismatch}");
            }
            _maps.Add(definition, map);
            return map;
        }
    }

    /// <summary>
    /// Closes every map's fd (a map an operation on another thread is using closes when it returns).
    /// Safe to call from any thread, and more than once.
    /// </summary>
    public void Dispose()
    {
        BpfMap[] maps;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            maps = [.. _maps.Values];
            _maps.Clear();
        }
        foreach (var map in maps)
        {
            map.Dispose();
        }
    }
}
