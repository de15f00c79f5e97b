using System.Collections.Immutable;
using BpfLinq.Compiler.Btf;
using BpfLinq.Maps;

namespace BpfLinq;

/// <summary>What a compiled program names besides its instructions: maps, kfuncs, functions, relocations, loops and BTF.</summary>
internal sealed record ProgramSymbols(
    IReadOnlyList<MapDefinition> Maps,
    IReadOnlyList<KfuncReference> Kfuncs,
    IReadOnlyList<(string Name, int Start)> Functions,
    ImmutableArray<Relocation> Relocations,
    bool HasLoops,
    ReadOnlyMemory<byte> Btf,
    ImmutableArray<FuncInfo> FuncInfo,
    ImmutableArray<LineInfo> LineInfo)
{
    /// <summary>Each kfunc by name with the slots of its calls, read from the <see cref="RelocationKind.KfuncCall"/> relocations.</summary>
    public static IReadOnlyList<KfuncReference> KfuncsOf(IReadOnlyList<string> names, IEnumerable<Relocation> relocations)
    {
        var calls = relocations.Where(r => r.Kind == RelocationKind.KfuncCall).ToLookup(r => r.Symbol, r => r.Slot);
        return [.. names.Select((name, k) => new KfuncReference(name, [.. calls[k]]))];
    }
}
