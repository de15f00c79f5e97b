using BpfLinq.Compiler.Isa;

namespace BpfLinq.Runtime;

/// <summary>The kernel's description of a map (<c>struct bpf_map_info</c>).</summary>
/// <param name="Type">The map type.</param>
/// <param name="Id">The kernel-wide map id (<c>bpftool map show id N</c>).</param>
/// <param name="KeySize">The key size in bytes.</param>
/// <param name="ValueSize">The value size in bytes (per CPU for per-CPU maps).</param>
/// <param name="MaxEntries">The capacity.</param>
/// <param name="Flags">The creation flags.</param>
/// <param name="Name">The name, possibly empty.</param>
/// <param name="BtfId">The id of the BTF object the key/value types come from, 0 when none.</param>
/// <param name="BtfKeyTypeId">The key's BTF type id.</param>
/// <param name="BtfValueTypeId">The value's BTF type id.</param>
/// <param name="MapExtra">The <c>map_extra</c>.</param>
public sealed record MapInfo(
    MapType Type, uint Id, int KeySize, int ValueSize, int MaxEntries, MapFlags Flags, string Name,
    uint BtfId, uint BtfKeyTypeId, uint BtfValueTypeId, ulong MapExtra);
