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
/// </summary>
/// <remarks>
/// One thread reads at a time: <see cref="Drain"/>, <see cref="Poll"/> and <see cref="ReadAllAsync"/>
/// are not to be called concurrently. <see cref="Dispose"/> may be called from any thread at any
/// time: a drain already running finishes on memory that stays mapped until it returns, later calls
/// throw <see cref="ObjectDisposedException"/>, and <see cref="ReadAllAsync"/> ends. A reader that
/// is never disposed unmaps the buffer when it is collected.
/// </remarks>
/// <typeparam name="T">The record type (a record shorter than it is an error).</typeparam>
public sealed unsafe class RingBufferReader<T> : IDisposable
    where T : unmanaged
{
    private const uint BusyBit = 1u << 31;
    private const uint DiscardBit = 1u << 30;
    private const int HeaderSize = 8;

    private readonly string _name;
    private readonly long _mask;
    private readonly RingMapping _mapping;
    private readonly BpfFileDescriptor _epoll;

    internal RingBufferReader(BpfMap map)
    {
        if (map.Type != MapType.RingBuf)
        {
            throw new ArgumentException($"map '{map.Name}' is a {map.Type} map, not a ring buffer", nameof(map));
        }
        _name = map.Name;
        _mask = map.MaxEntries - 1;
        using var mapFd = map.Borrow();
        _mapping = RingMapping.Map(mapFd.Fd, map.MaxEntries, map.Name);
        try
        {
            _epoll = Epoll(mapFd.Fd);
        }
        catch
        {
            _mapping.Dispose();
            throw;
        }
    }

    /// <summary>Handles every complete record now in the buffer, without waiting.</summary>
    /// <returns>The number of records handled.</returns>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    public int Drain(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return DrainRaw(record => handler(Read(record)));
    }

    /// <summary>Handles every complete record now in the buffer as bytes, without waiting.</summary>
    /// <returns>The number of records handled.</returns>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    public int DrainRaw(RingBufferRecordHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        bool added = false;
        try
        {
            _mapping.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(GetType().Name);
        }
        try
        {
            return DrainMapped(handler);
        }
        finally
        {
            _mapping.DangerousRelease();
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for records, then handles those available.</summary>
    /// <returns>The number of records handled (0 on timeout).</returns>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
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

    /// <summary>
    /// The records as they arrive, until <paramref name="cancellationToken"/> is cancelled or the
    /// reader is disposed; either ends the enumeration without an exception.
    /// </summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var batch = new List<T>();
        while (!cancellationToken.IsCancellationRequested && TryDrain(batch))
        {
            foreach (var record in batch)
            {
                yield return record;
            }
            if (batch.Count == 0)
            {
                await Task.Run(() => TryWait(TimeSpan.FromMilliseconds(50)), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Unmaps the buffer (once no drain is using it) and closes the epoll fd; the map stays open.
    /// Safe to call from any thread, and more than once.
    /// </summary>
    public void Dispose()
    {
        _mapping.Dispose();
        _epoll.Dispose();
    }

    private int DrainMapped(RingBufferRecordHandler handler)
    {
        var consumerPosition = (long*)_mapping.Consumer;
        var producerPosition = (long*)_mapping.Producer;
        var data = (byte*)_mapping.Producer + LibC.PageSize;
        var consumer = Volatile.Read(ref *consumerPosition);
        var count = 0;
        // A Dispose on another thread stops the walk at the next record (the memory stays mapped until we return).
        while (!_mapping.IsClosed)
        {
            var producer = Volatile.Read(ref *producerPosition);
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
            Volatile.Write(ref *consumerPosition, consumer);
        }
        return count;
    }

    // ReadAllAsync's drain: false once the reader is disposed, which ends the enumeration.
    private bool TryDrain(List<T> batch)
    {
        batch.Clear();
        try
        {
            Drain(batch.Add);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private void TryWait(TimeSpan timeout)
    {
        try
        {
            Wait(timeout);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting: the next TryDrain ends the enumeration.
        }
    }

    private static T Read(ReadOnlySpan<byte> record) =>
        record.Length >= Unsafe.SizeOf<T>()
            ? MemoryMarshal.Read<T>(record)
            : throw new InvalidDataException($"a ring buffer record of {record.Length} bytes is shorter than {typeof(T).Name} ({Unsafe.SizeOf<T>()} bytes)");

    private void Wait(TimeSpan timeout)
    {
        var events = stackalloc byte[12];
        var milliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        using var epoll = _epoll.Borrow(this);
        if (LibC.EpollWait(epoll.Fd, events, 1, milliseconds) < 0 && (Errno)Marshal.GetLastPInvokeError() != Errno.EINTR)
        {
            throw BpfErrors.FromLastError($"wait for records of ring buffer '{_name}'");
        }
    }

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
