using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Maps;

/// <summary>The typed, dictionary-like views of live maps that programs wrote.</summary>
public sealed class TypedMapTests
{
    [KernelFact]
    public void A_hash_map_reads_like_a_dictionary()
    {
        var counts = new HashMap<uint, ulong>(64, "typed_hash");
        using var maps = new BpfMaps();
        var view = maps.Get(counts);

        view[7] = 70;
        view.Add(8, 80);
        Should.Throw<ArgumentException>(() => view.Add(8, 81)).Message.ShouldContain("already has key 8");
        view.TryGetValue(7, out var seven).ShouldBeTrue();
        seven.ShouldBe(70ul);
        view.ContainsKey(9).ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => view[9]);
        view.Count().ShouldBe(2);
        view.Keys.Order().ShouldBe([7u, 8u]);
        view.Values.Order().ShouldBe([70ul, 80ul]);
        view.LookupBatch().OrderBy(e => e.Key).ShouldBe(view.OrderBy(e => e.Key));
        view.Remove(7).ShouldBeTrue();
        view.Remove(7).ShouldBeFalse();
        view.Clear();
        view.Count().ShouldBe(0);
    }

    [KernelFact]
    public void An_array_written_by_a_program_clears_to_zeros()
    {
        var slots = new ArrayMap<uint>(4, "typed_array");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(slots.Add(skb.Len & 3, 1), Pass));
        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        program.TestRun(new TestRunOptions { DataIn = Frame(61) });
        program.TestRun(new TestRunOptions { DataIn = Frame(61) });
        var view = maps.Get(slots);

        view[1].ShouldBe(2u);
        view.Count().ShouldBe(4); // array elements always exist
        view.LookupBatch().Select(e => e.Value).ShouldBe([0u, 2u, 0u, 0u]);
        view.Clear();
        view.Values.ShouldAllBe(v => v == 0);
    }

    [KernelFact]
    public void A_per_cpu_array_gives_one_value_per_cpu_summing_to_the_managed_count()
    {
        var hits = new PerCpuArrayMap<ulong>(1, "typed_percpu");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(hits.Increment(0), Pass));
        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        hits.ClearManaged();
        for (var i = 0; i < 5; i++)
        {
            program.TestRun(new TestRunOptions { DataIn = Frame(60) });
            filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, Frame(60)), ProgramKind.Tc);
        }
        var perCpu = maps.GetPerCpu(hits)[0];

        perCpu.Length.ShouldBeGreaterThanOrEqualTo(1);
        perCpu.Aggregate(0ul, (a, b) => a + b).ShouldBe(hits.GetValueOrDefault(0));
        Should.Throw<ArgumentException>(() => maps.Get(hits)); // per-CPU values are arrays: use GetPerCpu
    }

    [KernelFact]
    public void A_pinned_map_outlives_its_program_and_serves_the_next_one()
    {
        var counts = new HashMap<uint, ulong>(8, "pinned_counts");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(counts.Increment(7), Pass));
        using var bpffs = BpfFileSystem.Mount();
        var path = bpffs.PathOf("counts");
        using (var maps = new BpfMaps())
        using (var program = filter.Compile(ProgramKind.Tc).Load(maps))
        {
            program.TestRun(new TestRunOptions { DataIn = Frame(60) });
            maps[counts].Pin(path);
        }

        using var later = new BpfMaps();
        later.OpenPinned(counts, path);
        using var again = filter.Compile(ProgramKind.Tc).Load(later);
        again.TestRun(new TestRunOptions { DataIn = Frame(60) });

        later.Get(counts)[7].ShouldBe(2ul); // the second program counted on in the pinned map
        using var other = new BpfMaps();
        Should.Throw<InvalidOperationException>(() => other.OpenPinned(new HashMap<uint, uint>(8, "wrong_shape"), path))
            .Message.ShouldContain("not what");
    }

    [KernelFact]
    public void A_bool_valued_map_has_a_typed_view_with_one_byte_values()
    {
        var flags = new HashMap<uint, bool>(8, "bool_flags");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(flags.Update(skb.Len, true), Pass));
        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        program.TestRun(new TestRunOptions { DataIn = Frame(60) });

        var view = maps.Get(flags);
        view[60].ShouldBeTrue();
        view[61] = false;
        view.OrderBy(e => e.Key).ShouldBe([KeyValuePair.Create(60u, true), KeyValuePair.Create(61u, false)]);
    }

    [KernelFact]
    public void A_pinned_map_of_another_capacity_is_refused_for_a_definition()
    {
        using var bpffs = BpfFileSystem.Mount();
        var path = bpffs.PathOf("small");
        using (var first = new BpfMaps())
        {
            first.GetOrCreate(new HashMap<uint, ulong>(8, "small")).Pin(path);
        }

        using var later = new BpfMaps();
        var error = Should.Throw<InvalidOperationException>(() => later.OpenPinned(new HashMap<uint, ulong>(1024, "small"), path));

        error.Message.ShouldContain("holds 8 entries");
        error.Message.ShouldContain("1024");
        later.Definitions.ShouldBeEmpty();
    }

    [Fact]
    public void A_pin_path_with_a_NUL_character_is_refused_not_truncated()
    {
        var counts = new HashMap<uint, ulong>(8, "nul_pin");
        using var maps = new BpfMaps();

        Should.Throw<ArgumentException>(() => BpfMap.OpenPinned("/sys/fs/bpf/a\0b")).Message.ShouldContain("NUL");
        Should.Throw<ArgumentException>(() => maps.OpenPinned(counts, "/sys/fs/bpf/a\0b")).Message.ShouldContain("NUL");
    }

    [KernelFact]
    public void Pinning_at_a_path_with_a_NUL_character_is_refused_not_truncated()
    {
        using var bpffs = BpfFileSystem.Mount();
        using var maps = new BpfMaps();
        var map = maps.GetOrCreate(new HashMap<uint, ulong>(8, "nul_pin"));

        Should.Throw<ArgumentException>(() => map.Pin(bpffs.PathOf("a\0b"))).Message.ShouldContain("NUL");
        File.Exists(bpffs.PathOf("a")).ShouldBeFalse("nothing was pinned at the path's first part");
    }

    private static byte[] Frame(int length)
    {
        var frame = new byte[length];
        frame[12] = 0x08;
        return frame;
    }
}
