using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A ring buffer (BPF_MAP_TYPE_RINGBUF) that programs append records of <typeparamref name="TEvent"/>
/// to and user space consumes in order (<c>RingBufferReader</c> in the runtime). The managed model
/// keeps every record output during <c>Evaluate</c> in <see cref="ManagedRecords"/>.
/// </summary>
/// <typeparam name="TEvent">The record type: a primitive or an unmanaged struct.</typeparam>
public sealed class RingBuffer<TEvent> : MapDefinition
    where TEvent : unmanaged
{
    private readonly List<TEvent> _records = [];

    /// <summary>Declares a ring buffer.</summary>
    /// <param name="sizeBytes">The data size: a power of two, a multiple of the page size (4096).</param>
    /// <param name="name">The kernel name.</param>
    /// <exception cref="ArgumentException">The size is not a power-of-two multiple of 4096.</exception>
    public RingBuffer(int sizeBytes, string? name = null)
        : base(MapType.RingBuf, typeof(NoKey), typeof(TEvent), 0, 0, sizeBytes, 0, name)
    {
        if (sizeBytes < 4096 || (sizeBytes & (sizeBytes - 1)) != 0)
        {
            throw new ArgumentException($"a ring buffer's size is a power of two, at least one page (4096 bytes); {sizeBytes} is not", nameof(sizeBytes));
        }
    }

    /// <summary>Appends <paramref name="record"/> (<c>bpf_ringbuf_output</c>, which copies it from the stack).</summary>
    /// <returns>0, or -EAGAIN when the buffer is full (the kernel; the managed model never fills).</returns>
    public long Output(TEvent record)
    {
        lock (_records)
        {
            _records.Add(record);
        }
        return 0;
    }

    /// <summary>
    /// Appends <paramref name="record"/> by reserving its space in the ring, writing the fields there
    /// and submitting it (<c>bpf_ringbuf_reserve</c> / <c>bpf_ringbuf_submit</c>): no copy through the
    /// stack, which suits large records. Build the record in place with an object initializer.
    /// </summary>
    /// <returns>0, or -EAGAIN when the buffer has no room (the kernel; the managed model never fills).</returns>
    public long Submit(TEvent record) => Output(record);

    /// <summary>The records the managed model received, in order.</summary>
    public IReadOnlyList<TEvent> ManagedRecords()
    {
        lock (_records)
        {
            return [.. _records];
        }
    }

    /// <inheritdoc/>
    public override void ClearManaged()
    {
        lock (_records)
        {
            _records.Clear();
        }
    }
}
