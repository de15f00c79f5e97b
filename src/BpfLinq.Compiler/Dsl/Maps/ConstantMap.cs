using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A program's read-only data (strings written as C# constants): an array map with one value,
/// written and frozen before the program loads, readable by programs only (BPF_F_RDONLY_PROG).
/// The compiler makes one per program that needs it.
/// </summary>
public sealed class ConstantMap : MapDefinition
{
    private const uint ReadOnlyForPrograms = 1 << 7;
    private readonly byte[] _value;

    internal ConstantMap(byte[] value)
        : base(MapType.Array, typeof(uint), typeof(byte[]), sizeof(uint), value.Length, 1, ReadOnlyForPrograms, "rodata")
    {
        _value = value;
    }

    /// <summary>The bytes of the one value.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <inheritdoc/>
    public override IReadOnlyList<MapEntry>? FrozenContents => [new MapEntry(new byte[sizeof(uint)], [.. _value])];

    /// <inheritdoc/>
    public override void ClearManaged()
    {
    }
}
