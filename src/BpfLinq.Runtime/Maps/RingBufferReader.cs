using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime;

/// <summary>Receives one ring buffer record's bytes (valid only during the call).</summary>
/// <param name="record">The record.</param>
public delegate void RingBufferRecordHandler(ReadOnlySpan<byte> record);

/// <summary>
/// Consumes a ring buffer (BPF_MAP_TYPE_RINGBUF) in user space, as the kernel's ABI prescribes: the
/// consumer position page mapped read-write, the producer position page and the data mapped
/// read-only (the data twice in a row, so a record that wraps reads contiguously). Records are
/// taken in order up to the first one still being written (busy bit); discarded ones are skipped;
/// the consumer position is published with release semantics. Waiting uses epoll on the map's fd.
/// Not thread-safe: one reader per ring buffer.
/// </summary>
/// <typeparam name="T">The record type (a record shorter than it is an error).</typeparam>
public sealed unsafe class RingBufferReader<T> : IDisposable
    where T : unmanaged
{
    private const uint BusyBit = 1u << 31;
    private const uint DiscardBit = 1u << 30;
    private const int HeaderSize = 8;

    private readonly BpfMap _map;
    private readonly nint _consumer;
    private readonly nint _producer;
    private readonly nuint _producerLength;
    private readonly long _mask;
    private readonly BpfFileDescriptor _epoll;
    private bool _disposed;

    internal RingBufferReader(BpfMap map)
    {
        if (map.Type != MapType.RingBuf)
        {
            throw new ArgumentException($"map '{map.Name}' is a {map.Type} map, not a ring buffer", nameof(map));
        }
        _map = map;
        var page = LibC.PageSize;
        _mask = map.MaxEntries - 1;
        _consumer = Map(page, LibC.ProtRead | LibC.ProtWrite, 0, "the consumer page");
        _producerLength = (nuint)(page + (2 * (long)map.MaxEntries));
        try
        {
            _producer = Map(_producerLength, LibC.ProtRead, page, "the producer page and data");
            _epoll = Epoll(map.Fd);
        }
        catch
        {
            if (_producer != 0)
            {
                LibC.Munmap(_producer, _producerLength);
            }
            LibC.Munmap(_consumer, (nuint)page);
            throw;
        }
    }

    /// <summary>Handles every complete record now in the buffer, without waiting.</summary>
    /// <returns>The number of records handled.</returns>
    public int Drain(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return DrainRaw(record => handler(Read(record)));
    }

    /// <summary>Handles every complete record now in the buffer as bytes, without waiting.</summary>
    /// <returns>The number of records handled.</returns>
    public int DrainRaw(RingBufferRecordHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var data = (byte*)_producer + LibC.PageSize;
        var consumer = Volatile.Read(ref *(long*)_consumer);
        var count = 0;
        while (true)
        {
            var producer = Volatile.Read(ref *(long*)_producer);
            if (consumer >= producer)
            {
                break;
            }
            var header = Volatile.Read(ref *(uint*)(data + (consumer & _mask)));
            if ((header & BusyBit) != 0)
            {
                break; // still being written: later records wait for it
            }
            var length = (int)(header & ~(BusyBit | DiscardBit));
            if ((header & DiscardBit) == 0)
            {
                handler(new ReadOnlySpan<byte>(data + (consumer & _mask) + HeaderSize, length));
                count++;
            }
            consumer += (length + HeaderSize + 7) & ~7;
            Volatile.Write(ref *(long*)_consumer, consumer);
        }
        return count;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for records, then handles those available.</summary>
    /// <returns>The number of records handled (0 on timeout).</returns>
    public int Poll(Action<T> handler, TimeSpan timeout)
    {
        var handled = Drain(handler);
        if (handled > 0)
        {
            return handled;
        }
        Wait(timeout);
        return Drain(handler);
    }

    /// <summary>The records as they arrive, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var batch = new List<T>();
        while (!cancellationToken.IsCancellationRequested)
        {
            batch.Clear();
            Drain(batch.Add);
            foreach (var record in batch)
            {
                yield return record;
            }
            if (batch.Count == 0)
            {
                await Task.Run(() => Wait(TimeSpan.FromMilliseconds(50)), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Unmaps the buffer and closes the epoll fd (the map stays open).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        LibC.Munmap(_producer, _producerLength);
        LibC.Munmap(_consumer, (nuint)LibC.PageSize);
        _epoll.Dispose();
    }

    private static T Read(ReadOnlySpan<byte> record) =>
        record.Length >= Unsafe.SizeOf<T>()
            ? MemoryMarshal.Read<T>(record)
            : throw new InvalidDataException($"a ring buffer record of {record.Length} bytes is shorter than {typeof(T).Name} ({Unsafe.SizeOf<T>()} bytes)");

    private void Wait(TimeSpan timeout)
    {
        var events = stackalloc byte[12];
        var milliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        if (LibC.EpollWait(_epoll.Value, events, 1, milliseconds) < 0 && (Errno)Marshal.GetLastPInvokeError() != Errno.EINTR)
        {
            throw BpfErrors.FromLastError($"wait for records of ring buffer '{_map.Name}'");
        }
    }

    private nint Map(nuint length, int protection, long offset, string what)
    {
        var address = LibC.Mmap(0, length, protection, LibC.MapShared, _map.Fd, offset);
        return address == -1 ? throw BpfErrors.FromLastError($"map {what} of ring buffer '{_map.Name}'") : address;
    }

    private nint Map(int length, int protection, long offset, string what) => Map((nuint)length, protection, offset, what);

    private static BpfFileDescriptor Epoll(int mapFd)
    {
        var fd = LibC.EpollCreate1(LibC.EpollCloexec);
        if (fd < 0)
        {
            throw BpfErrors.FromLastError("create an epoll instance");
        }
        var epoll = BpfFileDescriptor.Adopt(fd);
        var ev = stackalloc byte[12];
        *(uint*)ev = LibC.EpollIn;
        if (LibC.EpollCtl(fd, LibC.EpollCtlAdd, mapFd, ev) < 0)
        {
            var error = BpfErrors.FromLastError("watch a ring buffer with epoll");
            epoll.Dispose();
            throw error;
        }
        return epoll;
    }
}
