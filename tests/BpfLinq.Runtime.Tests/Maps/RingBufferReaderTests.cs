using System.Runtime.InteropServices;
using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Maps;

/// <summary>Records a compiled lambda outputs to a ring buffer, consumed in order from C#.</summary>
public sealed class RingBufferReaderTests
{
    [StructLayout(LayoutKind.Sequential)]
    public struct PacketEvent
    {
        public uint Length;
        public uint Protocol;
        public ulong Marker;
    }

    private static readonly RingBuffer<PacketEvent> s_events = new(4096, "events");

    private static readonly BpfFilter<SkBuff> s_filter = Bpf.Filter<SkBuff>(skb =>
        Bpf.Then(s_events.Output(new PacketEvent { Length = skb.Len, Protocol = skb.Protocol, Marker = 0xfeed }), Pass));

    [KernelFact]
    public void Drain_and_poll_return_the_records_in_order()
    {
        using var maps = new BpfMaps();
        using var program = s_filter.Compile(ProgramKind.Tc).Load(maps);
        using var reader = maps.OpenReader(s_events);
        foreach (var length in new[] { 60, 61, 62 })
        {
            program.TestRun(new TestRunOptions { DataIn = Frame(length) });
        }
        var seen = new List<PacketEvent>();

        reader.Drain(seen.Add).ShouldBe(3);
        reader.Poll(seen.Add, TimeSpan.FromMilliseconds(20)).ShouldBe(0);

        seen.Select(e => e.Length).ShouldBe([60u, 61u, 62u]);
        seen.ShouldAllBe(e => e.Marker == 0xfeed && e.Protocol == 0x0008);
    }

    [KernelFact]
    public void Records_submitted_in_place_arrive_like_output_ones()
    {
        var submitted = new RingBuffer<PacketEvent>(4096, "submitted");
        var filter = Bpf.Filter<SkBuff>(skb =>
            Bpf.Then(submitted.Submit(new PacketEvent { Length = skb.Len, Marker = 0xbeef }), Pass));
        using var maps = new BpfMaps();
        using var program = filter.Compile(ProgramKind.Tc).Load(maps);
        using var reader = maps.OpenReader(submitted);
        program.TestRun(new TestRunOptions { DataIn = Frame(70) });
        program.TestRun(new TestRunOptions { DataIn = Frame(71) });
        var seen = new List<PacketEvent>();

        reader.Drain(seen.Add).ShouldBe(2);

        seen.ShouldBe([new PacketEvent { Length = 70, Marker = 0xbeef }, new PacketEvent { Length = 71, Marker = 0xbeef }]);
    }

    [KernelFact]
    public void Reading_keeps_up_across_the_end_of_the_ring()
    {
        using var maps = new BpfMaps();
        using var program = s_filter.Compile(ProgramKind.Tc).Load(maps);
        using var reader = maps.OpenReader(s_events);
        var lengths = new List<uint>();

        // 24 bytes per record: 600 records are more than three times round a 4096-byte ring.
        for (var batch = 0; batch < 6; batch++)
        {
            for (var i = 0; i < 100; i++)
            {
                program.TestRun(new TestRunOptions { DataIn = Frame(60 + ((batch * 100) + i) % 200) });
            }
            reader.Drain(e => lengths.Add(e.Length));
        }

        lengths.Count.ShouldBe(600);
        lengths.Select((l, i) => l == 60 + (uint)(i % 200)).ShouldAllBe(ok => ok);
    }

    [KernelFact]
    public async Task ReadAllAsync_yields_records_as_they_arrive()
    {
        using var maps = new BpfMaps();
        using var program = s_filter.Compile(ProgramKind.Tc).Load(maps);
        using var reader = maps.OpenReader(s_events);
        // Generous: other test classes running in parallel can starve the thread pool the reader waits on.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // A thread of its own, so the records are sent even while the pool is busy.
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                Thread.Sleep(50);
                program.TestRun(new TestRunOptions { DataIn = Frame(77) });
                program.TestRun(new TestRunOptions { DataIn = Frame(78) });
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        producer.Start();
        var received = new List<uint>();

        await foreach (var e in reader.ReadAllAsync(cancel.Token))
        {
            received.Add(e.Length);
            if (received.Count == 2)
            {
                break;
            }
        }
        producer.Join();

        failure.ShouldBeNull();
        received.ShouldBe([77u, 78u]);
    }

    private static byte[] Frame(int length)
    {
        var frame = new byte[length];
        frame[12] = 0x08;
        return frame;
    }
}
