using System.Collections.Immutable;
using BpfLinq.Compiler.Btf;
using BpfLinq.Maps;

namespace BpfLinq;

/// <summary>What a compiled program names besides its instructions: maps, kfuncs, functions and BTF.</summary>
internal sealed record ProgramSymbols(
    IReadOnlyList<MapDefinition> Maps,
    IReadOnlyList<string> Kfuncs,
    IReadOnlyList<(string Name, int Start)> Functions,
    ReadOnlyMemory<byte> Btf,
    ImmutableArray<FuncInfo> FuncInfo,
    ImmutableArray<LineInfo> LineInfo)
{
    /// <summary>None of them (hand-built programs in tests).</summary>
    public static ProgramSymbols None { get; } = new([], [], [("main", 0)], ReadOnlyMemory<byte>.Empty, [], []);
}
