using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Btf;

namespace BpfLinq.Runtime;

/// <summary>What <see cref="BpfMap.Create"/> passes to <c>BPF_MAP_CREATE</c>.</summary>
public sealed record MapCreateOptions
{
    /// <summary>The map type.</summary>
    public required MapType Type { get; init; }

    /// <summary>The key size in bytes (0 for ring buffers, queues and stacks).</summary>
    public required int KeySize { get; init; }

    /// <summary>
    /// The value size in bytes, per CPU for per-CPU maps (user space then reads and writes one
    /// 8-byte-aligned slot per possible CPU: see <see cref="BpfMap.ValueBufferSize"/>).
    /// </summary>
    public required int ValueSize { get; init; }

    /// <summary>The capacity (for ring buffers: the size in bytes, a power-of-two multiple of the page size).</summary>
    public required int MaxEntries { get; init; }

    /// <summary>The <c>map_flags</c>.</summary>
    public MapFlags Flags { get; init; }

    /// <summary>The name (at most 15 characters of <c>[A-Za-z0-9_.]</c>), or null.</summary>
    public string? Name { get; init; }

    /// <summary>The BTF object holding the key and value types (<c>btf_fd</c>), or null.</summary>
    public BtfObject? Btf { get; init; }

    /// <summary>The key's type id in <see cref="Btf"/>.</summary>
    public uint BtfKeyTypeId { get; init; }

    /// <summary>The value's type id in <see cref="Btf"/>.</summary>
    public uint BtfValueTypeId { get; init; }

    /// <summary>The value's type id in vmlinux BTF (struct_ops maps).</summary>
    public uint BtfVmlinuxValueTypeId { get; init; }

    /// <summary>A map of the inner maps' shape, for array-of-maps and hash-of-maps; null otherwise.</summary>
    public BpfMap? InnerMap { get; init; }

    /// <summary>The NUMA node to allocate on, or null for any (sets <see cref="MapFlags.NumaNode"/>).</summary>
    public int? NumaNode { get; init; }

    /// <summary>The <c>map_extra</c> (bloom filter hash count, arena address).</summary>
    public ulong MapExtra { get; init; }
}
