using BpfLinq.Maps;
using static BpfLinq.Compiler.Tests.Golden.GoldenCase;
using static BpfLinq.Verdict;

namespace BpfLinq.Compiler.Tests.Golden;

// One program per map operation, helper family, subprogram call, loop callback and kfunc call.
// Each case owns its maps: the expectations replay the inputs in order against the managed model,
// the kernel run does the same against fresh kernel maps.
internal static partial class GoldenCases
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct FlowStats
    {
        public ulong Packets;
        public ulong Bytes;
    }

    private static readonly BpfFunction<uint, uint, uint> s_mix =
        new((a, b) => (a * 31) ^ (b >> 3) ^ (a + b), FunctionInlining.Never, "mix");

    private static readonly BpfFunction<SkBuff, uint, bool> s_longerThan =
        new((skb, n) => skb.Len > n && skb.Protocol != 0, FunctionInlining.Never, "longer_than");

    private static readonly ushort[] s_table = [80, 443, 53, 22, 25, 110, 143, 8080];

    private static readonly BpfFunction<uint, uint> s_twice = new(x => x * 2, FunctionInlining.Auto, "twice");

    private static readonly BpfFunction<uint, uint, uint, uint, uint, uint> s_mix5 =
        new((a, b, c, d, e) => (a * b) ^ (c - d) ^ (e >> 2), FunctionInlining.Never, "mix5");

    private static readonly uint[] s_lengths = [60, 98, 54, 1500, 60, 9000, 64, 128, 256, 512, 42, 1024, 2048, 4096, 90, 100];

    private static IEnumerable<GoldenCase> Maps()
    {
        var lookup = new HashMap<uint, ulong>(16, "lookup");
        var contains = new HashMap<uint, uint>(16, "contains");
        var update = new HashMap<uint, uint>(16, "update");
        var delete = new HashMap<uint, uint>(16, "delete");
        var counter = new HashMap<uint, ulong>(16, "counter");
        var array = new ArrayMap<uint>(8, "array");
        var perCpu = new PerCpuArrayMap<ulong>(4, "percpu");
        var lru = new LruHashMap<uint, ushort>(2, "lru");
        var events = new RingBuffer<ulong>(4096, "events");
        var stats = new HashMap<uint, FlowStats>(16, "stats");
        var records = new RingBuffer<FlowStats>(4096, "records");
        var sockets = new SockMap(2, "sockets");
        return
        [
            SkbRaw("Maps/HashUpdateThenLookup", ProgramKind.Tc, skb => Bpf.Then(lookup.Update(skb.Len & 7, skb.Len * 3ul), (long)lookup.GetValueOrDefault(skb.Len & 7, 99))),
            Skb("Maps/HashContains", ProgramKind.Tc, skb => Bpf.Then(contains.Update(skb.Len, 1), contains.ContainsKey(skb.Len + 1) ? Drop : Pass)),
            SkbRaw("Maps/HashUpdateNoExist", ProgramKind.Tc, skb => update.Update(skb.Protocol, skb.Len, UpdateMode.NoExist)),
            SkbRaw("Maps/HashDelete", ProgramKind.Tc, skb => Bpf.Then(delete.Update(1, 1), delete.Delete(skb.Len == 0 ? 2u : 1u))),
            Skb("Maps/HashIncrement", ProgramKind.Tc, skb => counter.Increment(skb.Protocol) == 0 ? Pass : Drop),
            SkbRaw("Maps/ArrayAdd", ProgramKind.Tc, skb => Bpf.Then(array.Add(skb.Len & 7, skb.Len), (long)array.GetValueOrDefault(skb.Len & 7))),
            SkbRaw("Maps/PerCpuArrayIncrement", ProgramKind.SocketFilter, skb => Bpf.Then(perCpu.Increment(0), (long)perCpu.GetValueOrDefault(0))),
            SkbRaw("Maps/LruHashUpdate", ProgramKind.Tc, skb => Bpf.Then(lru.Update(skb.Len, (ushort)skb.Len), (long)lru.GetValueOrDefault(skb.Len))),
            SkbRaw("Maps/StructFieldAdd", ProgramKind.Tc, skb => Bpf.Then(stats.Add(skb.Protocol, v => v.Bytes, (ulong)skb.Len), (long)stats.GetValueOrDefault(skb.Protocol).Bytes)),
            SkbRaw("Maps/LookupTable", ProgramKind.Tc, skb => s_table[skb.Len & 7]),
            Skb("Maps/RingBufferSubmit", ProgramKind.Tc, skb => records.Submit(new FlowStats { Packets = 1, Bytes = skb.Len }) == 0 ? Pass : Drop),
            Skb("Maps/RingBufferOutput", ProgramKind.Tc, skb => events.Output(((ulong)skb.Len << 32) | skb.Protocol) == 0 ? Pass : Drop),
            Skb("Helpers/Time", ProgramKind.Tc, skb => Bpf.KtimeGetNs() > 0 ? Pass : Drop),
            Skb("Helpers/Random", ProgramKind.Tc, skb => (Bpf.GetPrandomU32() | 1) != 0 ? Pass : Drop),
            Skb("Helpers/ProcessorId", ProgramKind.Tc, skb => Bpf.GetSmpProcessorId() < 8192 ? Pass : Drop),
            Skb("Helpers/TracePrintk", ProgramKind.Tc, skb => Bpf.Then(Bpf.TracePrintk("bpflinq golden: len %u proto %x", skb.Len, skb.Protocol), Pass)),
            SkbRaw("Helpers/Redirect", ProgramKind.Tc, skb => skb.Mark == 0 ? Bpf.Redirect(1, 0) : 0),
            SkbRaw("Helpers/SockMapRedirect", ProgramKind.SkSkb, skb => skb.Len > 3 ? sockets.Redirect(skb, 1, true) : 1),
            SkbRaw("Helpers/StoreBytes", ProgramKind.Tc, skb => skb.StoreBytes(36, 8080, 2)),
            Skb("Helpers/ChecksumReplace", ProgramKind.Tc, skb => Bpf.Then(skb.L3CsumReplace(24, 0x4006, 0x3f06, 2), Bpf.Then(skb.L4CsumReplace(50, 0x0a000001, 0xc0a80101, 4, true), Pass))),
            Skb("Helpers/HashRecalc", ProgramKind.Tc, skb => Bpf.Then(skb.GetHashRecalc(), Pass)),
            Skb("Helpers/LoadBytesStrncmp", ProgramKind.SocketFilter, skb => Bpf.Strncmp(skb.LoadBytes(0, 4), 1, "E") == 0 ? Drop : Pass),
            Skb("Kfuncs/Strcmp", ProgramKind.Tc, skb => Bpf.Strcmp(skb.LoadBytes(30, 2), "AB") < 0 ? Drop : Pass),
            SkbRaw("Functions/Subprogram", ProgramKind.Tc, skb => s_mix.Invoke(skb.Len, 7) + s_mix.Invoke(skb.Protocol, skb.Len)),
            Skb("Functions/SubprogramWithContext", ProgramKind.Tc, skb => s_longerThan.Invoke(skb, 60) ? Drop : Pass),
            SkbRaw("Functions/Inlined", ProgramKind.Tc, skb => s_twice.Invoke(skb.Len) + 1),
            SkbRaw("Functions/SubprogramFiveArguments", ProgramKind.Tc, skb => s_mix5.Invoke(skb.Len, skb.Protocol, 7, skb.Mark, skb.Len >> 1)),
            SkbRaw("Functions/Let", ProgramKind.Tc, skb => Bpf.Let((skb.Len * 3) + skb.Protocol, n => n > 200 && n < 400 ? n : 0)),
            Skb("Maps/CapturedContains", ProgramKind.Tc, skb => s_table.Contains((ushort)skb.Len) ? Drop : Pass),
            Skb("Maps/CapturedContainsSearch", ProgramKind.Tc, skb => s_lengths.Contains(skb.Len) ? Drop : Pass),
            Skb("Loops/AnyUnrolled", ProgramKind.Tc, skb => Bpf.Any(4, i => skb.Packet.U16(12 + (i * 4)) == 0x8100, LoopStrategy.Unroll) ? Drop : Pass),
            SkbRaw("Loops/FoldInline", ProgramKind.Tc, skb => Bpf.Fold(8, 0L, (i, acc) => acc + skb.Packet.U8(14 + i), LoopStrategy.Inline)),
            SkbRaw("Loops/FoldCallback", ProgramKind.Tc, skb => Bpf.Fold(16, (long)skb.Len, (i, acc) => (acc * 3) + i, LoopStrategy.Callback)),
            Skb("Loops/AnyCallback", ProgramKind.Tc, skb => Bpf.Any(4, i => s_longerThan.Invoke(skb, (uint)i * 50), LoopStrategy.Callback) ? Drop : Pass),
            SkbRaw("Loops/FirstIndexCallback", ProgramKind.Tc, skb => Bpf.FirstIndex((int)(skb.Len & 63), i => i * i > skb.Len, LoopStrategy.Callback)),
        ];
    }
}
