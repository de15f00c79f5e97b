using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Lambdas that keep state in maps, run in the kernel with BPF_PROG_TEST_RUN: what the program wrote
/// is read back from C# and compared with the managed model after the same packets.
/// </summary>
public sealed class MapProgramTests
{
    private static readonly byte[][] s_frames = [Frame(60), Frame(60), Frame(90), Frame(128), Frame(60)];

    [KernelFact]
    public void A_hash_map_counter_counts_packets_by_length_as_the_managed_model_does()
    {
        var counts = new HashMap<uint, ulong>(64, "by_len");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(counts.Increment(skb.Len), Pass));

        var kernel = RunAll(filter, ProgramKind.Tc, maps => maps[counts].KeysAs<uint>().Order().Select(k => (k, maps[counts].Lookup<uint, ulong>(k))).ToList());
        var managed = Managed(filter, ProgramKind.Tc, counts, () => counts.ManagedEntries().OrderBy(e => e.Key).Select(e => (e.Key, e.Value)).ToList());

        kernel.ShouldBe(managed);
        kernel.ShouldContain((60u, 3ul));
    }

    [KernelFact]
    public void An_array_counter_and_lookups_with_defaults_agree_with_the_managed_model()
    {
        var slots = new ArrayMap<ulong>(4, "slots");
        var filter = Bpf.Program<SkBuff>(skb => Bpf.Then(slots.Add(skb.Len & 3, skb.Len), (long)slots.GetValueOrDefault(skb.Len & 3, 7)));

        var kernel = RunAll(filter, ProgramKind.Tc, maps => Enumerable.Range(0, 4).Select(i => maps[slots].Lookup<uint, ulong>((uint)i)).ToList());
        var managed = Managed(filter, ProgramKind.Tc, slots, () => slots.ManagedEntries().Select(e => e.Value).ToList());

        kernel.ShouldBe(managed);
    }

    [KernelFact]
    public void Update_delete_and_contains_return_what_the_kernel_returns()
    {
        var seen = new HashMap<uint, uint>(2, "seen");
        var filter = Bpf.Program<SkBuff>(skb =>
            seen.ContainsKey(skb.Len) ? seen.Delete(skb.Len) * 1000 : seen.Update(skb.Len, skb.Len * 2, UpdateMode.NoExist));

        using var program = filter.Compile(ProgramKind.Tc).Load();
        var kernel = s_frames.Select(f => program.TestRun(new TestRunOptions { DataIn = f }).ReturnValue).ToList();
        seen.ClearManaged();
        var managed = s_frames.Select(f => (uint)filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, f), ProgramKind.Tc)).ToList();

        kernel.ShouldBe(managed);
    }

    [KernelFact]
    public void Array_increments_out_of_range_return_E2BIG_as_the_model_does_and_emit_no_update()
    {
        var slots = new ArrayMap<ulong>(4, "slots_oor");
        var perCpu = new PerCpuArrayMap<uint>(4, "percpu_oor");
        // Lengths 60, 90 and 128 put the index out of range (>= 4) on some frames: -E2BIG, no element written.
        var filter = Bpf.Program<SkBuff>(skb => slots.Increment(skb.Len & 7) * 100 + perCpu.Add(skb.Len % 7, skb.Len));
        var compiled = filter.Compile(ProgramKind.Tc);

        compiled.Instructions.ShouldNotContain(i => i.Class == BpfLinq.Compiler.Isa.InsnClass.Jmp && i.JmpOp == BpfLinq.Compiler.Isa.JmpOp.Call && i.Imm == 2, "bpf_map_update_elem can never create an array element");
        compiled.Instructions.Length.ShouldBeLessThanOrEqualTo(30, "two lookups, two atomic adds and two -E2BIG constants: no key to create");
        var kernel = new List<long>();
        using (var maps = new BpfMaps())
        using (var program = compiled.Load(maps))
        {
            kernel.AddRange(s_frames.Select(f => (long)(int)program.TestRun(new TestRunOptions { DataIn = f }).ReturnValue));
            kernel.AddRange(Enumerable.Range(0, 4).Select(i => (long)maps[slots].Lookup<uint, ulong>((uint)i)));
        }
        slots.ClearManaged();
        perCpu.ClearManaged();
        var managed = s_frames.Select(f => (long)(int)filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, f), ProgramKind.Tc)).ToList();
        managed.AddRange(slots.ManagedEntries().Select(e => (long)e.Value));

        kernel.ShouldBe(managed);
        managed.ShouldContain(-700 - 7, "an index past both arrays returns -E2BIG from each");
    }

    private static T RunAll<T>(BpfFilter<SkBuff> filter, ProgramKind kind, Func<BpfMaps, T> read)
    {
        using var maps = new BpfMaps();
        using var program = filter.Compile(kind).Load(maps);
        foreach (var frame in s_frames)
        {
            program.TestRun(new TestRunOptions { DataIn = frame });
        }
        return read(maps);
    }

    private static T Managed<T>(BpfFilter<SkBuff> filter, ProgramKind kind, MapDefinition map, Func<T> read)
    {
        map.ClearManaged();
        foreach (var frame in s_frames)
        {
            filter.Evaluate(TestRunContext.ForSkb(kind, frame), kind);
        }
        return read();
    }

    private static byte[] Frame(int length)
    {
        var frame = new byte[length];
        frame[12] = 0x08; // IPv4
        return frame;
    }
}
