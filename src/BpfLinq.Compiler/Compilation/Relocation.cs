namespace BpfLinq;

/// <summary>
/// A symbolic reference in a compiled program, kept beside the instructions as metadata (as
/// cilium/ebpf's <c>asm</c> keeps references): instruction <paramref name="Slot"/> refers to entry
/// <paramref name="Symbol"/> of the list <paramref name="Kind"/> names (functions, kfuncs or maps).
/// The compiler's linking step filled in every immediate it could; a loader needs the list only for
/// what depends on the running kernel (kfunc BTF ids) and never scans the instructions for it.
/// </summary>
/// <param name="Slot">The instruction slot (the first slot of an <c>ld_imm64</c>) whose immediate refers to the symbol.</param>
/// <param name="Kind">What the slot refers to.</param>
/// <param name="Symbol">The index in <see cref="CompiledProgram.Functions"/>, <see cref="CompiledProgram.Kfuncs"/> or <see cref="CompiledProgram.Maps"/>.</param>
public readonly record struct Relocation(int Slot, RelocationKind Kind, int Symbol);
