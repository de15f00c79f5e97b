using System.Buffers.Binary;
using BpfLinq.Maps;
using static BpfLinq.Verdict;

namespace BpfLinq.Bench;

/// <summary>
/// The report's filters with state, calls and loops, each with its C twin (clang/&lt;twin&gt;.c):
/// a per-protocol map counter, a blocklist lookup, a subprogram called twice (and the same function
/// inlined, against the same C with its calls), and a 16-byte payload
/// sum as a bounded loop and as a bpf_loop callback (both against clang's loop, which it unrolls).
/// </summary>
internal static class StatefulFilters
{
    private static readonly HashMap<uint, ulong> s_counts = new(64, "counts");
    private static readonly HashMap<uint, byte> s_blocked = new(1024, "blocked");
    private static readonly BpfFunction<uint, uint, uint> s_mix = new((a, b) => (a * 31) ^ (b >> 3) ^ (a + b), FunctionInlining.Never, "mix");
    private static readonly BpfFunction<uint, uint, uint> s_mixInline = new((a, b) => (a * 31) ^ (b >> 3) ^ (a + b), FunctionInlining.Always, "mix");

    /// <summary>A row: our case, the twin's name, the map a table fills (or null) and its entries.</summary>
    public sealed record Case(PacketCase Filter, string Twin, MapDefinition? Table, IReadOnlyList<(byte[] Key, byte[] Value)> Entries);

    /// <summary>Every stateful row.</summary>
    public static IReadOnlyList<Case> All { get; } =
    [
        new(PacketCase.Skb("map_counter", ProgramKind.Tc, "tcp 8080 syn", skb => Bpf.Then(s_counts.Increment(skb.Protocol), Pass)), "map_counter", null, []),
        new(PacketCase.Xdp("blocklist", "tcp 8080 syn", ctx => s_blocked.ContainsKey(ctx.Packet.U32(26)) ? Drop : Pass), "blocklist", s_blocked, BlockedSources()),
        new(PacketCase.Skb("subprogram", ProgramKind.Tc, "tcp 8080 syn", skb => ((s_mix.Invoke(skb.Len, skb.Protocol) ^ s_mix.Invoke(skb.Protocol, skb.Mark)) & 1) != 0 ? Drop : Pass), "subprogram", null, []),
        new(PacketCase.Skb("subprogram_inlined", ProgramKind.Tc, "tcp 8080 syn", skb => ((s_mixInline.Invoke(skb.Len, skb.Protocol) ^ s_mixInline.Invoke(skb.Protocol, skb.Mark)) & 1) != 0 ? Drop : Pass), "subprogram", null, []),
        new(PacketCase.Skb("payload_sum", ProgramKind.Tc, "tcp 8080 syn", skb => Bpf.Fold(16, 0u, (i, acc) => acc + skb.Packet.U8(14 + i), LoopStrategy.Inline) > 1000 ? Drop : Pass), "payload_sum", null, []),
        new(PacketCase.Skb("payload_sum_unrolled", ProgramKind.Tc, "tcp 8080 syn", skb => Bpf.Fold(16, 0u, (i, acc) => acc + skb.Packet.U8(14 + i), LoopStrategy.Unroll) > 1000 ? Drop : Pass), "payload_sum", null, []),
        new(PacketCase.Skb("payload_sum_bpf_loop", ProgramKind.Tc, "tcp 8080 syn", skb => Bpf.Fold(16, 0u, (i, acc) => acc + skb.Packet.U8(14 + i), LoopStrategy.Callback) > 1000 ? Drop : Pass), "payload_sum", null, []),
    ];

    // Every third frame's IPv4 source (as U32(26) reads it), so some frames are blocked and most are not.
    private static List<(byte[], byte[])> BlockedSources() =>
        [.. Report.PacketFrames.Whole.Where((f, i) => i % 3 == 0 && f.Bytes.Length >= 30)
            .Select(f => BitConverter.GetBytes(BinaryPrimitives.ReadUInt32BigEndian(f.Bytes.AsSpan(26))))
            .Distinct(new ByteArrays())
            .Select(key => (key, new byte[] { 1 }))];

    private sealed class ByteArrays : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj);
    }
}
