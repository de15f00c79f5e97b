using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Maps;

public class MapElementTests
{
    private static BpfMap Hash(int maxEntries = 8) =>
        BpfMap.Create(new MapCreateOptions { Type = MapType.Hash, KeySize = 4, ValueSize = 8, MaxEntries = maxEntries, Name = "elements" });

    [KernelFact]
    public void Update_lookup_and_delete_round_trip()
    {
        using var map = Hash();

        map.Update(7u, 700UL);
        map.Lookup<uint, ulong>(7u).ShouldBe(700UL);
        map.Update(7u, 701UL);
        map.Lookup<uint, ulong>(7u).ShouldBe(701UL);

        map.Delete(7u).ShouldBeTrue();
        map.TryLookup(7u, out ulong _).ShouldBeFalse();
        map.Delete(7u).ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => map.Lookup<uint, ulong>(7u));
    }

    [KernelFact]
    public void Byte_span_operations_see_the_same_elements()
    {
        using var map = Hash();
        byte[] key = [1, 0, 0, 0];
        byte[] value = [1, 2, 3, 4, 5, 6, 7, 8];

        map.Update(key, value);
        var read = new byte[8];
        map.TryLookup(key, read).ShouldBeTrue();
        read.ShouldBe(value);
        map.Lookup<uint, ulong>(1u).ShouldBe(0x0807060504030201UL);
    }

    public static TheoryData<MapUpdateFlags, bool, Errno> FlagCases() => new()
    {
        { MapUpdateFlags.NoExist, true, Errno.EEXIST },
        { MapUpdateFlags.Exist, false, Errno.ENOENT },
        { MapUpdateFlags.NoExist, false, Errno.None },
        { MapUpdateFlags.Exist, true, Errno.None },
        { MapUpdateFlags.Any, true, Errno.None },
        { MapUpdateFlags.Any, false, Errno.None },
    };

    [KernelTheory]
    [MemberData(nameof(FlagCases))]
    public void Update_flags_decide_whether_a_key_may_exist(MapUpdateFlags flags, bool keyExists, Errno expected)
    {
        using var map = Hash();
        if (keyExists)
        {
            map.Update(1u, 10UL);
        }

        if (expected == Errno.None)
        {
            map.Update(1u, 20UL, flags);
            map.Lookup<uint, ulong>(1u).ShouldBe(20UL);
            return;
        }
        var error = Should.Throw<BpfException>(() => map.Update(1u, 20UL, flags));
        error.Errno.ShouldBe(expected);
        error.Command.ShouldBe(BpfCommand.MapUpdateElem);
        error.Message.ShouldContain($"map 'elements' ({flags})");
        map.TryLookup(1u, out ulong kept).ShouldBe(keyExists);
        kept.ShouldBe(keyExists ? 10UL : 0UL);
    }

    [KernelFact]
    public void A_full_hash_map_refuses_new_keys_with_E2BIG()
    {
        using var map = Hash(maxEntries: 2);
        map.Update(1u, 1UL);
        map.Update(2u, 2UL);

        var error = Should.Throw<BpfException>(() => map.Update(3u, 3UL));

        error.Errno.ShouldBe(Errno.E2BIG);
        error.Message.ShouldContain("map is full");
        map.Update(2u, 22UL); // replacing still works
    }

    [KernelFact]
    public void Keys_and_values_of_the_wrong_length_name_the_expected_size()
    {
        using var map = Hash();

        Should.Throw<ArgumentException>(() => map.Update(new byte[3], new byte[8])).Message.ShouldContain("4-byte keys; this key has 3 bytes");
        Should.Throw<ArgumentException>(() => map.Update(new byte[4], new byte[9])).Message.ShouldContain("8-byte values; this value has 9 bytes");
        Should.Throw<ArgumentException>(() => map.Update(1UL, 1UL)).Message.ShouldContain("4-byte keys");
        Should.Throw<ArgumentException>(() => map.TryLookup(new byte[4], new byte[4])).ParamName.ShouldBe("value");
    }

    [KernelFact]
    public void Array_elements_exist_from_the_start_and_cannot_be_deleted()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 4, ValueSize = 4, MaxEntries = 3 });

        map.Lookup<uint, int>(2u).ShouldBe(0);
        map.TryLookup(3u, out int _).ShouldBeFalse();
        Should.Throw<BpfException>(() => map.Delete(1u)).Errno.ShouldBe(Errno.EINVAL);
    }

    [KernelFact]
    public void Per_cpu_values_have_one_8_byte_slot_per_possible_cpu()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.PerCpuHash, KeySize = 4, ValueSize = 4, MaxEntries = 4 });
        int cpus = PossibleCpus.Count;
        map.ValueBufferSize.ShouldBe(8 * cpus);

        var values = Enumerable.Range(100, cpus).ToArray();
        map.UpdatePerCpu(5u, values.AsSpan());

        map.TryLookupPerCpu(5u, out int[]? read).ShouldBeTrue();
        read.ShouldBe(values);
        var error = Should.Throw<ArgumentException>(() => map.Update(5u, 1));
        error.Message.ShouldContain($"(4 rounded up to 8, times {cpus} possible CPUs)");
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0-3\n", 4)]
    [InlineData("0-3,8-11", 8)]
    [InlineData("0,2,4-5", 4)]
    public void The_possible_cpu_list_is_counted_not_its_highest_number(string list, int count) =>
        PossibleCpus.Parse(list).ShouldBe(count);

    [Fact]
    public void The_possible_cpu_count_covers_the_online_cpus() =>
        PossibleCpus.Count.ShouldBeGreaterThanOrEqualTo(Environment.ProcessorCount);

    [KernelFact]
    public void An_LPM_trie_returns_the_longest_matching_prefix()
    {
        using var map = BpfMap.Create(new MapCreateOptions
        {
            Type = MapType.LpmTrie, KeySize = 8, ValueSize = 4, MaxEntries = 8, Flags = MapFlags.NoPrealloc,
        });
        map.Update(Prefix(8, 10, 0, 0, 0), 1);
        map.Update(Prefix(16, 10, 1, 0, 0), 2);

        map.Lookup<ulong, int>(Prefix(32, 10, 1, 2, 3)).ShouldBe(2);
        map.Lookup<ulong, int>(Prefix(32, 10, 2, 0, 1)).ShouldBe(1);
        map.TryLookup(Prefix(32, 11, 0, 0, 1), out int _).ShouldBeFalse();
    }

    [KernelFact]
    public void An_LRU_hash_evicts_instead_of_failing_when_full()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.LruHash, KeySize = 4, ValueSize = 4, MaxEntries = 16 });

        for (uint key = 0; key < 200; key++)
        {
            map.Update(key, (int)key);
        }

        map.KeysAs<uint>().Count().ShouldBeInRange(1, 16);
        map.Lookup<uint, int>(199u).ShouldBe(199);
    }

    /// <summary>struct bpf_lpm_trie_key_u8 with 4 data bytes: u32 prefixlen, then the address bytes.</summary>
    private static ulong Prefix(uint length, byte a, byte b, byte c, byte d) =>
        length | ((ulong)a << 32) | ((ulong)b << 40) | ((ulong)c << 48) | ((ulong)d << 56);
}
