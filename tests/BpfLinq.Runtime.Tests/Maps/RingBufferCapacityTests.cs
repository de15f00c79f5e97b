using System.Linq.Expressions;
using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Maps;

/// <summary>
/// A ring buffer filled past its capacity: the kernel refuses the record that no longer fits with
/// -EAGAIN and keeps the others; <c>Evaluate</c> must return the same values and keep the same records.
/// </summary>
public sealed class RingBufferCapacityTests
{
    public static TheoryData<string> Ways => new("output", "submit");

    [KernelTheory]
    [MemberData(nameof(Ways))]
    public void Records_of_24_bytes_fill_a_page_after_170_and_then_get_EAGAIN(string way)
    {
        var ring = new RingBuffer<RingBufferReaderTests.PacketEvent>(4096, "cap24");
        var (kernel, managed) = FillBoth(ring, way == "output"
            ? skb => ring.Output(new RingBufferReaderTests.PacketEvent { Length = skb.Len, Protocol = 7, Marker = skb.Len * 3UL })
            : skb => ring.Submit(new RingBufferReaderTests.PacketEvent { Length = skb.Len, Protocol = 7, Marker = skb.Len * 3UL }));

        kernel.Returns.ShouldBe(managed.Returns);
        kernel.Returns.Count(r => r == 0).ShouldBe(170); // (4096 - 1) / (8-byte header + 16 bytes)
        kernel.Returns.Skip(170).ShouldAllBe(r => r == unchecked((uint)-11));
        kernel.Records.ShouldBe(managed.Records);
        kernel.AfterDrain.ShouldBe(0u);
        managed.AfterDrain.ShouldBe(0u);
    }

    [KernelFact]
    public void Records_of_4_bytes_take_16_each()
    {
        var ring = new RingBuffer<uint>(4096, "cap4");
        var (kernel, managed) = FillBoth(ring, skb => ring.Output(skb.Len));

        kernel.Returns.ShouldBe(managed.Returns);
        kernel.Returns.Count(r => r == 0).ShouldBe(255); // (4096 - 1) / (8 + 8): the 4 bytes round up to 8
        kernel.Records.ShouldBe(managed.Records);
    }

    private sealed record Run<T>(List<uint> Returns, List<T> Records, uint AfterDrain);

    // 300 records into a fresh ring, in the kernel and in the managed model; then both drain, and one more fits.
    private static (Run<T> Kernel, Run<T> Managed) FillBoth<T>(RingBuffer<T> ring, Expression<Func<SkBuff, long>> output)
        where T : unmanaged
    {
        var program = Bpf.Program(output);
        using var maps = new BpfMaps();
        using var loaded = program.Compile(ProgramKind.Tc).Load(maps);
        using var reader = maps.OpenReader(ring);
        ring.ClearManaged();
        var (kernelReturns, managedReturns) = (new List<uint>(), new List<uint>());
        for (var i = 0; i < 300; i++)
        {
            var frame = Frame(60 + (i % 50));
            kernelReturns.Add(loaded.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue);
            managedReturns.Add(unchecked((uint)program.EvaluateTestRun(frame, kind: ProgramKind.Tc)));
        }
        var kernelRecords = new List<T>();
        reader.Drain(kernelRecords.Add);
        var managedRecords = ring.TakeManagedRecords().ToList();
        var kernelAfter = loaded.TestRun(new TestRunOptions { DataIn = Frame(99) }).ReturnValue;
        var managedAfter = unchecked((uint)program.EvaluateTestRun(Frame(99), kind: ProgramKind.Tc));
        return (new Run<T>(kernelReturns, kernelRecords, kernelAfter), new Run<T>(managedReturns, managedRecords, managedAfter));
    }

    private static byte[] Frame(int length)
    {
        var frame = new byte[length];
        frame[12] = 0x08;
        return frame;
    }
}
