using System.Collections.Immutable;

namespace BpfLinq;

/// <summary>A kfunc a compiled program calls: its name and the call instructions whose immediate a loader sets to its BTF id.</summary>
/// <param name="Name">The kfunc's C name, e.g. <c>bpf_strcmp</c>.</param>
/// <param name="CallSlots">The slots of the calls (each a <see cref="RelocationKind.KfuncCall"/> relocation), in order.</param>
public sealed record KfuncReference(string Name, ImmutableArray<int> CallSlots);
