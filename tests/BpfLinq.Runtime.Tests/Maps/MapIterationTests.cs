using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Maps;

public class MapIterationTests
{
    private static readonly uint[] s_keys = [.. Enumerable.Range(0, 100).Select(i => (uint)(i * 7919 + 13))];

    private static BpfMap FilledHash(MapType type = MapType.Hash)
    {
        var map = BpfMap.Create(new MapCreateOptions { Type = type, KeySize = 4, ValueSize = 8, MaxEntries = 128 });
        try
        {
            foreach (uint key in s_keys)
            {
                if (type == MapType.PerCpuHash)
                {
                    map.UpdatePerCpu(key, Enumerable.Repeat((ulong)key * 3, PossibleCpus.Count).ToArray().AsSpan());
                }
                else
                {
                    map.Update(key, (ulong)key * 3);
                }
            }
            return map;
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    [KernelFact]
    public void Keys_visits_every_key_once_in_whatever_order_the_kernel_keeps()
    {
        using var map = FilledHash();

        var keys = map.KeysAs<uint>().ToList();

        keys.Count.ShouldBe(s_keys.Length);
        keys.ShouldBe(s_keys, ignoreOrder: true);
    }

    [KernelFact]
    public void An_empty_map_has_no_keys()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Hash, KeySize = 4, ValueSize = 8, MaxEntries = 4 });

        map.Keys.ShouldBeEmpty();
        map.TryGetFirstKey(new byte[4]).ShouldBeFalse();
    }

    [KernelFact]
    public void Next_key_after_the_last_is_false()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 4, ValueSize = 8, MaxEntries = 3 });

        map.TryGetNextKey(BitConverter.GetBytes(1u), new byte[4]).ShouldBeTrue();
        map.TryGetNextKey(BitConverter.GetBytes(2u), new byte[4]).ShouldBeFalse();
        map.KeysAs<uint>().ShouldBe([0u, 1u, 2u]);
    }

    [KernelTheory]
    [InlineData(MapType.Hash, 7)]
    [InlineData(MapType.Hash, 128)]
    [InlineData(MapType.PerCpuHash, 9)]
    public void Batches_smaller_than_the_map_together_return_every_element(MapType type, int batchSize)
    {
        using var map = FilledHash(type);
        var cursor = new MapBatchCursor();
        var keys = new byte[batchSize * map.KeySize];
        var values = new byte[batchSize * map.ValueBufferSize];
        var seen = new Dictionary<uint, ulong>();
        int calls = 0;

        while (!cursor.IsComplete)
        {
            int count = map.LookupBatch(cursor, keys, values);
            count.ShouldBeLessThanOrEqualTo(batchSize);
            for (int i = 0; i < count; i++)
            {
                uint key = BitConverter.ToUInt32(keys, i * 4);
                seen.Add(key, BitConverter.ToUInt64(values, i * map.ValueBufferSize)); // per-CPU: CPU 0's slot
            }
            calls++;
            calls.ShouldBeLessThan(1000, "the walk ends");
        }

        seen.Keys.ShouldBe(s_keys, ignoreOrder: true);
        foreach (var (key, value) in seen)
        {
            value.ShouldBe((ulong)key * 3);
        }
        if (batchSize < s_keys.Length)
        {
            calls.ShouldBeGreaterThan(1);
        }
        map.LookupBatch(cursor, keys, values).ShouldBe(0);
    }

    [KernelFact]
    public void Batch_buffers_must_hold_whole_elements()
    {
        using var map = FilledHash();

        Should.Throw<ArgumentException>(() => map.LookupBatch(new MapBatchCursor(), new byte[10], new byte[20])).ParamName.ShouldBe("keys");
        Should.Throw<ArgumentException>(() => map.LookupBatch(new MapBatchCursor(), new byte[8], new byte[8])).ParamName.ShouldBe("values");
    }

    [KernelFact]
    public void A_frozen_map_can_be_read_but_not_written_from_user_space()
    {
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 4, ValueSize = 8, MaxEntries = 2, Name = "frozen" });
        map.Update(0u, 42UL);

        map.Freeze();

        map.Lookup<uint, ulong>(0u).ShouldBe(42UL);
        var error = Should.Throw<BpfException>(() => map.Update(0u, 43UL));
        error.Errno.ShouldBe(Errno.EPERM);
        error.ShouldNotBeOfType<BpfPermissionException>();
        error.Message.ShouldContain("frozen");
        map.Lookup<uint, ulong>(0u).ShouldBe(42UL);
    }

    [KernelFact]
    public void A_pinned_map_opens_as_the_same_map()
    {
        using var bpffs = BpfFileSystem.Mount();
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Hash, KeySize = 4, ValueSize = 8, MaxEntries = 4, Name = "pinned" });
        map.Update(1u, 11UL);
        string path = bpffs.PathOf("pinned");

        map.Pin(path);
        using var opened = BpfMap.OpenPinned(path);

        opened.GetInfo().Id.ShouldBe(map.GetInfo().Id);
        opened.Fd.ShouldNotBe(map.Fd);
        (opened.Type, opened.KeySize, opened.ValueSize, opened.MaxEntries, opened.Name).ShouldBe((MapType.Hash, 4, 8, 4, "pinned"));
        opened.Lookup<uint, ulong>(1u).ShouldBe(11UL);
        opened.Update(2u, 22UL);
        map.Lookup<uint, ulong>(2u).ShouldBe(22UL);
        Should.Throw<BpfException>(() => map.Pin(path)).Errno.ShouldBe(Errno.EEXIST);
        File.Delete(path);
    }

    [KernelFact]
    public void Opening_a_missing_pin_is_ENOENT()
    {
        using var bpffs = BpfFileSystem.Mount();

        var error = Should.Throw<BpfException>(() => BpfMap.OpenPinned(bpffs.PathOf("nothing")));

        error.Errno.ShouldBe(Errno.ENOENT);
        error.Message.ShouldContain("pin path that does not exist");
    }

    [KernelFact]
    public void A_ring_buffer_is_sized_in_pages_and_has_no_elements()
    {
        int size = 4 * Environment.SystemPageSize;
        using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.RingBuf, KeySize = 0, ValueSize = 0, MaxEntries = size });

        map.GetInfo().MaxEntries.ShouldBe(size);
        map.KeySize.ShouldBe(0);
        Should.Throw<BpfException>(() => BpfMap.Create(new MapCreateOptions { Type = MapType.RingBuf, KeySize = 0, ValueSize = 0, MaxEntries = size + 1 }))
            .Errno.ShouldBe(Errno.EINVAL);
    }
}
