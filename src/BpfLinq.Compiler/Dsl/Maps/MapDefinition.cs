using System.Runtime.CompilerServices;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A map declared in C# and captured by lambdas: its kernel shape (type, key and value sizes,
/// capacity, flags, name) and, for <c>Evaluate</c>, a managed model of its contents. The compiler
/// records every map a program uses; the runtime creates the kernel map when the program is loaded
/// (one kernel map per definition and <c>BpfMaps</c> set, shared by the programs loaded with it).
/// </summary>
public abstract class MapDefinition
{
    private readonly Lazy<MapBtf?> _btf;

    private protected MapDefinition(MapType type, Type keyType, Type valueType, int keySize, int valueSize, int maxEntries, uint flags, string? name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        Type = type;
        KeyType = keyType;
        ValueType = valueType;
        KeySize = keySize;
        ValueSize = valueSize;
        MaxEntries = maxEntries;
        Flags = flags;
        Name = MapNames.Validate(name ?? MapNames.Default(type));
        _btf = new Lazy<MapBtf?>(() => keySize > 0 && type is not (MapType.SockMap or MapType.DevMap) ? ClrBtf.ForMap(keyType, valueType) : null);
    }

    /// <summary>The kernel map type.</summary>
    public MapType Type { get; }

    /// <summary>The C# key type (<see cref="uint"/> for arrays, the placeholder <see cref="NoKey"/> for ring buffers).</summary>
    public Type KeyType { get; }

    /// <summary>The C# value type.</summary>
    public Type ValueType { get; }

    /// <summary>Key size in bytes (0 for ring buffers).</summary>
    public int KeySize { get; }

    /// <summary>Value size in bytes (0 for ring buffers).</summary>
    public int ValueSize { get; }

    /// <summary>Capacity: entries, or bytes for a ring buffer.</summary>
    public int MaxEntries { get; }

    /// <summary>The kernel's <c>map_flags</c> (e.g. BPF_F_NO_PREALLOC for LPM tries, BPF_F_RDONLY_PROG for constants).</summary>
    public uint Flags { get; }

    /// <summary>The kernel name (at most 15 characters of letters, digits, '_' and '.').</summary>
    public string Name { get; }

    /// <summary>
    /// The key and value BTF to create the kernel map with, built on first use; null for maps the
    /// kernel takes no BTF for (ring buffers, socket and device maps) and for types without a fixed layout.
    /// </summary>
    public MapBtf? Btf => _btf.Value;

    /// <summary>The contents to write before programs run, after which the runtime freezes the map; null for ordinary maps.</summary>
    public virtual IReadOnlyList<MapEntry>? FrozenContents => null;

    /// <summary>Empties the managed model (what <c>Evaluate</c> reads and writes); the kernel map is untouched.</summary>
    public abstract void ClearManaged();

    /// <summary>The size of an unmanaged type as the kernel sees it.</summary>
    private protected static int SizeOf<T>()
        where T : unmanaged => Unsafe.SizeOf<T>();

    /// <inheritdoc/>
    public override string ToString() => $"{Type} map '{Name}' ({KeyType.Name} -> {ValueType.Name}, {MaxEntries})";
}
