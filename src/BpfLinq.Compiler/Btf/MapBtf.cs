namespace BpfLinq.Compiler.Btf;

/// <summary>
/// The BTF a map is created with: one blob describing its key and value types (field names for
/// <c>bpftool map dump</c>) and the ids of the two types in it, as <c>BPF_MAP_CREATE</c> takes them.
/// </summary>
/// <param name="Data">The BTF blob (header, types, strings).</param>
/// <param name="KeyTypeId">The id of the key's type in <paramref name="Data"/>.</param>
/// <param name="ValueTypeId">The id of the value's type in <paramref name="Data"/>.</param>
public sealed record MapBtf(ReadOnlyMemory<byte> Data, int KeyTypeId, int ValueTypeId);
