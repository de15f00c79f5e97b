using System.Runtime.CompilerServices;
using BpfLinq.Maps;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Tests.Native;
using BpfLinq.Testing;
using static BpfLinq.Runtime.Tests.Maps.RingBufferReaderTests;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Maps;

/// <summary>
/// Disposing a ring buffer reader from another thread, or never: no access to unmapped memory (which
/// would end the test host with an AccessViolationException, not fail a test), and no mapping left
/// behind. Alone in their collection, because the mapping count is per process.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class RingBufferDisposeTests
{
    private const int Rounds = 200;

    private static readonly RingBuffer<PacketEvent> s_samples = new(4096, "samples");

    [KernelFact]
    public void Dispose_while_another_thread_drains_ends_the_drain_with_ObjectDisposedException()
    {
        using var maps = new BpfMaps();
        using var program = Outputting(s_samples).Load(maps);
        using var producing = Produce(program);

        for (int round = 0; round < Rounds; round++)
        {
            var reader = maps.OpenReader(s_samples);
            Exception? failure = null;
            using var draining = new ManualResetEventSlim();
            var drainer = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        reader.Drain(_ => Thread.SpinWait(50));
                        draining.Set();
                    }
                }
                catch (ObjectDisposedException)
                {
                    // What a drain after Dispose must say.
                }
                catch (Exception e)
                {
                    failure = e;
                }
                finally
                {
                    draining.Set();
                }
            });
            drainer.Start();
            draining.Wait();
            reader.Dispose();
            drainer.Join();

            failure.ShouldBeNull();
        }
    }

    [KernelFact]
    public async Task Cancel_then_dispose_ends_ReadAllAsync_cleanly()
    {
        // A large ring kept full: each drain walks thousands of records, so the Dispose right after
        // the cancellation usually lands in the middle of one.
        var large = new RingBuffer<PacketEvent>(1 << 20, "large_samples");
        using var maps = new BpfMaps();
        using var program = Outputting(large).Load(maps);
        using var producing = Produce(program);

        for (int round = 0; round < Rounds; round++)
        {
            var reader = maps.OpenReader(large);
            using var cancel = new CancellationTokenSource();
            int received = 0;
            var consumer = Task.Run(async () =>
            {
                await foreach (var _ in reader.ReadAllAsync(cancel.Token))
                {
                    Interlocked.Increment(ref received);
                }
            });
            SpinWait.SpinUntil(() => Volatile.Read(ref received) > 0 || consumer.IsCompleted, TimeSpan.FromSeconds(10));
            await cancel.CancelAsync();
            reader.Dispose();

            await consumer; // no exception: cancellation and Dispose both end the enumeration
        }
    }

    [KernelFact]
    public void A_reader_nobody_disposed_unmaps_the_ring_when_collected()
    {
        using var maps = new BpfMaps();
        int before = RingMappings();

        try
        {
            OpenAndForget(maps, Rounds).ShouldBe(before + (2 * Rounds), "each reader maps two regions");
            for (int i = 0; i < 10 && RingMappings() > before; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            RingMappings().ShouldBe(before);
        }
        finally
        {
            // The readers' epoll fds were closed by the finalizer: a leak on purpose, not the run's failure.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            foreach (var leaked in FileDescriptorTracker.OpenDescriptors().Where(d => d.OpenedAt.Contains(nameof(OpenAndForget), StringComparison.Ordinal)))
            {
                FileDescriptorTracker.Forget(leaked);
            }
        }
    }

    // Opens readers and drops them; returns the ring mappings counted while they were alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OpenAndForget(BpfMaps maps, int count)
    {
        var readers = Enumerable.Range(0, count).Select(_ => maps.OpenReader(s_samples)).ToList();
        int mapped = RingMappings();
        GC.KeepAlive(readers);
        return mapped;
    }
    // Each mapping of a BPF map's memory shows in /proc/self/maps as the map's anonymous inode.
    private static int RingMappings() => File.ReadLines("/proc/self/maps").Count(line => line.EndsWith("anon_inode:bpf-map", StringComparison.Ordinal));

    private static CompiledProgram Outputting(RingBuffer<PacketEvent> ring) =>
        Bpf.Filter<SkBuff>(skb => Bpf.Then(ring.Output(new PacketEvent { Length = skb.Len, Marker = 0xfeed }), Pass)).Compile(ProgramKind.Tc);

    private static Producer Produce(BpfProgram program) => new(program);

    /// <summary>Keeps records arriving until disposed, so drains always have something to walk.</summary>
    private sealed class Producer : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;

        public Producer(BpfProgram program)
        {
            var frame = new byte[60];
            frame[12] = 0x08;
            _running = Task.Run(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    program.TestRun(new TestRunOptions { DataIn = frame, Repeat = 1000 });
                }
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _running.Wait();
            _stop.Dispose();
        }
    }
}
