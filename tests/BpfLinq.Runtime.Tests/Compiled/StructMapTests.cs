using System.Runtime.InteropServices;
using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Struct keys and values: built in the lambda with object initializers (nested ones too), read
/// through the looked-up value pointer field by field, and read back from C# as the same structs;
/// an LPM trie matched by prefix. Kernel and managed model agree after the same packets.
/// </summary>
public sealed class StructMapTests
{
    [StructLayout(LayoutKind.Sequential)]
    public struct FlowKey
    {
        public uint Length;
        public ushort Protocol;
        public byte Kind;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Totals
    {
        public ulong Packets;
        public uint LastLength;
        public Marks Marks;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Marks
    {
        public ushort First;
        public ushort Second;
    }

    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct Tagged
    {
        public fixed byte Tag[4];
        public uint Count;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct V4Prefix
    {
        public uint Bits;
        public uint Address;
    }

    private static readonly byte[][] s_frames = [Frame(60, 10), Frame(60, 10), Frame(90, 10), Frame(60, 192), Frame(128, 192)];

    [KernelFact]
    public void Struct_keys_and_values_are_written_and_read_field_by_field_as_in_the_managed_model()
    {
        var flows = new HashMap<FlowKey, Totals>(16, "flows");
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Then(
            flows.Update(
                new FlowKey { Length = skb.Len, Protocol = (ushort)skb.Protocol, Kind = 1 },
                new Totals
                {
                    Packets = flows.GetValueOrDefault(new FlowKey { Length = skb.Len, Protocol = (ushort)skb.Protocol, Kind = 1 }).Packets + 1,
                    LastLength = skb.Len,
                    Marks = { First = 7, Second = (ushort)(skb.Len & 0xff) },
                }),
            (long)flows.GetValueOrDefault(new FlowKey { Length = skb.Len, Protocol = (ushort)skb.Protocol, Kind = 1 }).Marks.Second));

        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        var kernelReturns = s_frames.Select(f => program.TestRun(new TestRunOptions { DataIn = f }).ReturnValue).ToList();
        var kernel = maps[flows].KeysAs<FlowKey>().Select(k => (k, maps[flows].Lookup<FlowKey, Totals>(k))).OrderBy(e => e.k.Length).ToList();

        flows.ClearManaged();
        var managedReturns = s_frames.Select(f => (uint)filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, f), ProgramKind.Tc)).ToList();
        var managed = flows.ManagedEntries().Select(e => (e.Key, e.Value)).OrderBy(e => e.Key.Length).ToList();

        kernelReturns.ShouldBe(managedReturns);
        kernel.ShouldBe(managed);
        kernel.Single(e => e.k.Length == 60).Item2.Packets.ShouldBe(3ul);
        BpftoolDump(maps[flows].GetInfo().Id, "\"Second\":").ShouldContain("\"Packets\": 3"); // the map's BTF names the fields
    }

    // bpftool prints a map with BTF as JSON objects with field names (nested ones too).
    private static string BpftoolDump(uint id, string expected)
    {
        TestEnvironment.RequireTool("bpftool");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bpftool", $"map dump id {id} -p")
        {
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output.ShouldContain(expected);
        return output;
    }

    [KernelFact]
    public void Adds_to_struct_fields_count_in_place_as_in_the_managed_model()
    {
        var totals = new HashMap<uint, Totals>(16, "totals");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(totals.Add(skb.Len & 0xf0, v => v.Packets, 1ul),
            Bpf.Then(totals.Add(skb.Len & 0xf0, v => v.LastLength, skb.Len), Bpf.Then(totals.Add(skb.Len & 0xf0, v => v.Marks.Second, (ushort)3), Pass))));

        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        foreach (var frame in s_frames)
        {
            program.TestRun(new TestRunOptions { DataIn = frame });
        }
        totals.ClearManaged();
        foreach (var frame in s_frames)
        {
            filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, frame), ProgramKind.Tc);
        }

        var kernel = maps.Get(totals).OrderBy(e => e.Key).ToList();
        kernel.ShouldBe(totals.ManagedEntries().OrderBy(e => e.Key).ToList());
        kernel.Single(e => e.Key == 48).Value.Packets.ShouldBe(3ul); // the three 60-byte frames
        kernel.Single(e => e.Key == 48).Value.Marks.Second.ShouldBe((ushort)9);
    }

    [KernelFact]
    public unsafe void A_value_with_a_fixed_buffer_keeps_it_while_a_program_counts_beside_it()
    {
        var tagged = new HashMap<uint, Tagged>(4, "tagged");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(tagged.Add(1, v => v.Count, 1u), Pass));
        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        var value = new Tagged { Count = 5 };
        "abcd"u8.CopyTo(new Span<byte>(value.Tag, 4));
        maps.Get(tagged)[1] = value;
        tagged.Update(1, value);

        program.TestRun(new TestRunOptions { DataIn = Frame(60, 10) });
        filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, Frame(60, 10)), ProgramKind.Tc);

        var kernel = maps.Get(tagged)[1];
        var managed = tagged.GetValueOrDefault(1);
        kernel.Count.ShouldBe(6u);
        managed.Count.ShouldBe(6u);
        new ReadOnlySpan<byte>(kernel.Tag, 4).ToArray().ShouldBe("abcd"u8.ToArray());
        BpftoolDump(maps[tagged].GetInfo().Id, "\"Tag\": [").ShouldContain("\"Count\": 6");
    }

    [KernelFact]
    public void An_lpm_trie_finds_the_longest_matching_prefix_in_kernel_and_model()
    {
        var routes = new LpmTrieMap<V4Prefix, uint>(16, "routes");
        var filter = Bpf.Program<SkBuff>(skb => routes.GetValueOrDefault(new V4Prefix { Bits = 32, Address = skb.Packet.U32LittleEndian(26) }, 0u));

        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        foreach (var (prefix, value) in Prefixes())
        {
            maps[routes].Update(prefix, value);
            routes.Update(prefix, value);
        }
        foreach (var frame in s_frames)
        {
            var kernel = program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue;
            var managed = (uint)filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, frame), ProgramKind.Tc);
            kernel.ShouldBe(managed);
        }
        program.TestRun(new TestRunOptions { DataIn = Frame(60, 192) }).ReturnValue.ShouldBe(24u); // 192.168.1.9 matches /24 over /16 and /8
    }

    private static IEnumerable<(V4Prefix, uint)> Prefixes() =>
    [
        (new V4Prefix { Bits = 8, Address = 0x0000_00C0 }, 8),       // 192.0.0.0/8, network order in memory
        (new V4Prefix { Bits = 16, Address = 0x0000_A8C0 }, 16),     // 192.168.0.0/16
        (new V4Prefix { Bits = 24, Address = 0x0001_A8C0 }, 24),     // 192.168.1.0/24
        (new V4Prefix { Bits = 8, Address = 0x0000_000A }, 10),      // 10.0.0.0/8
    ];

    private static byte[] Frame(int length, byte firstOctet)
    {
        var frame = new byte[length];
        frame[12] = 0x08;
        frame[14] = 0x45;
        frame[26] = firstOctet; // source address 
        frame[27] = 168;
        frame[28] = 1;
        frame[29] = 9;
        return frame;
    }
}
