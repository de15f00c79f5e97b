using BpfLinq.Maps;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Maps;

/// <summary>One <see cref="BpfMaps"/> shared by a service's threads: one kernel map per definition, whatever the timing.</summary>
public sealed class BpfMapsConcurrencyTests
{
    private const int Threads = 16;

    [KernelFact]
    public void Sixteen_threads_loading_with_one_set_share_one_kernel_map_per_definition()
    {
        var counts = new HashMap<uint, ulong>(64, "shared_counts");
        var slots = new ArrayMap<ulong>(4, "shared_slots");
        var filter = Bpf.Filter<SkBuff>(skb => Bpf.Then(counts.Increment(skb.Len), Bpf.Then(slots.Add(skb.Len & 3, 1), Pass)));
        var compiled = filter.Compile(ProgramKind.Tc);
        var maps = new BpfMaps();
        var programs = new BpfProgram[Threads];
        try
        {
            using var start = new Barrier(Threads);
            Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
            {
                start.SignalAndWait();
                programs[i] = compiled.Load(maps);
            });

            maps.Definitions.Count.ShouldBe(2);
            var mapIds = programs.Select(p => string.Join(",", p.GetInfo().MapIds.Order())).Distinct().ToList();
            mapIds.Count.ShouldBe(1, "every program uses the same two kernel maps");
            mapIds[0].Split(',').Length.ShouldBe(2);
        }
        finally
        {
            foreach (var program in programs)
            {
                program?.Dispose();
            }
        }
        Parallel.For(0, Threads, _ => maps.Dispose()); // disposing from many threads at once is fine too
        Should.Throw<ObjectDisposedException>(() => maps.GetOrCreate(counts));
    }

    [KernelFact]
    public void Creating_and_disposing_a_set_from_many_threads_leaves_no_map_behind()
    {
        var definitions = Enumerable.Range(0, 8).Select(i => (MapDefinition)new HashMap<uint, uint>(4, $"race_{i}")).ToArray();
        for (int round = 0; round < 20; round++)
        {
            var maps = new BpfMaps();
            using var start = new Barrier(Threads);
            var created = new BpfMap?[Threads];
            Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
            {
                start.SignalAndWait();
                try
                {
                    if (i == Threads - 1)
                    {
                        maps.Dispose();
                        return;
                    }
                    created[i] = maps.GetOrCreate(definitions[i % definitions.Length]);
                }
                catch (ObjectDisposedException)
                {
                    // Created after the set was disposed: refused, nothing created.
                }
            });

            // Every map handed out belongs to the set, so the set's Dispose closed it (the fd-leak
            // check at the end of the run fails otherwise).
            created.OfType<BpfMap>().ShouldAllBe(map => IsDisposed(map));
        }
    }

    private static bool IsDisposed(BpfMap map)
    {
        try
        {
            _ = map.Fd;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
