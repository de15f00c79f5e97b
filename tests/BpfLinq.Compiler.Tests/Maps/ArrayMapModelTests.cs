using BpfLinq.Maps;

namespace BpfLinq.Compiler.Tests.Maps;

/// <summary>The managed model of an array holds the elements written, not the whole capacity.</summary>
public sealed class ArrayMapModelTests
{
    [Fact]
    public void An_array_of_int_MaxValue_elements_is_declared_without_allocating_them()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();

        var huge = new ArrayMap<ulong>(int.MaxValue, "huge");

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(64 * 1024, "16 GiB of zeros were allocated before");
        huge.GetValueOrDefault(int.MaxValue - 1).ShouldBe(0ul);
        huge.ContainsKey(int.MaxValue - 1).ShouldBeTrue("every index below the capacity exists");
        huge.Update(int.MaxValue - 1, 7).ShouldBe(0);
        huge.Increment(12).ShouldBe(0);
        huge.GetValueOrDefault(int.MaxValue - 1).ShouldBe(7ul);
        huge.GetValueOrDefault(12).ShouldBe(1ul);
        huge.GetValueOrDefault(13).ShouldBe(0ul);
    }

    [Fact]
    public void The_sparse_model_keeps_the_array_semantics()
    {
        var slots = new ArrayMap<uint>(4, "slots");

        slots.Update(2, 20).ShouldBe(0);
        slots.Update(4, 1).ShouldBe(-7, "beyond the capacity: -E2BIG");
        slots.ContainsKey(4).ShouldBeFalse();
        slots.GetValueOrDefault(4, 99).ShouldBe(99u);
        slots.Update(1, 1, UpdateMode.NoExist).ShouldBe(-17, "array elements always exist: -EEXIST");
        slots.Delete(1).ShouldBe(-22, "array elements cannot be deleted: -EINVAL");
        slots.ManagedEntries().ShouldBe([KeyValuePair.Create(0u, 0u), KeyValuePair.Create(1u, 0u), KeyValuePair.Create(2u, 20u), KeyValuePair.Create(3u, 0u)]);

        slots.ClearManaged();
        slots.ManagedEntries().ShouldAllBe(e => e.Value == 0);
        slots.ManagedEntries().Count.ShouldBe(4);
    }
}
