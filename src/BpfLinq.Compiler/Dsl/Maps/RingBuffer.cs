using System.Runtime.CompilerServices;
using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Maps;

/// <summary>
/// A ring buffer (BPF_MAP_TYPE_RINGBUF) that programs append records of <typeparamref name="TEvent"/>
/// to and user space consumes in order (<c>RingBufferReader</c> in the runtime). The managed model
/// keeps the records output during <c>Evaluate</c> (<see cref="ManagedRecords"/>) and accounts for
/// their space as the kernel does: each record takes an 8-byte header plus its size rounded up to 8
/// bytes, the ring holds less than its size in bytes, and a record that does not fit is refused
/// with -EAGAIN. Records free their space when consumed (<see cref="TakeManagedRecords"/>, or
/// <see cref="ClearManaged"/>), as the kernel's do when a reader consumes them.
/// </summary>
/// <typeparam name="TEvent">The record type: a primitive or an unmanaged struct.</typeparam>
public sealed class RingBuffer<TEvent> : MapDefinition
    where TEvent : unmanaged
{
    private const int HeaderBytes = 8; // BPF_RINGBUF_HDR_SZ
    private const long EAgain = -11;

    private readonly List<TEvent> _records = [];
    private readonly int _recordBytes = HeaderBytes + RoundUp8(ValueLayout.TryOf(typeof(TEvent), out var layout, out _) ? layout.Size : Unsafe.SizeOf<TEvent>());

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
    /// <returns>0, or -EAGAIN (-11) when the record does not fit in the space the unconsumed records leave.</returns>
    public long Output(TEvent record)
    {
        lock (_records)
        {
            // The kernel refuses a reservation that would bring the producer a whole ring ahead of the consumer.
            if ((long)(_records.Count + 1) * _recordBytes > MaxEntries - 1)
            {
                return EAgain;
            }
            _records.Add(record);
        }
        return 0;
    }

    /// <summary>
    /// Appends <paramref name="record"/> by reserving its space in the ring, writing the fields there
    /// and submitting it (<c>bpf_ringbuf_reserve</c> / <c>bpf_ringbuf_submit</c>): no copy through the
    /// stack, which suits large records. Build the record in place with an object initializer.
    /// </summary>
    /// <returns>0, or -EAGAIN (-11) when the buffer has no room for the record.</returns>
    public long Submit(TEvent record) => Output(record);

    /// <summary>The records the managed model holds, in order (reading them here does not consume them).</summary>
    public IReadOnlyList<TEvent> ManagedRecords()
    {
        lock (_records)
        {
            return [.. _records];
        }
    }

    /// <summary>Consumes the records the managed model holds, in order, freeing their space (what a reader's drain does).</summary>
    public IReadOnlyList<TEvent> TakeManagedRecords()
    {
        lock (_records)
        {
            List<TEvent> taken = [.. _records];
            _records.Clear();
            return taken;
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

    private static int RoundUp8(int bytes) => (bytes + 7) & ~7;
}
