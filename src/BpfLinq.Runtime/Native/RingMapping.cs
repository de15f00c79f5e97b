using System.Runtime.InteropServices;
namespace BpfLinq.Runtime.Native;

/// <summary>
/// The two mappings of a ring buffer a <c>RingBufferReader</c> reads: the consumer
/// position page (read-write) and the producer position page followed by the data twice (read-only).
/// A SafeHandle, so a reader nobody disposed still unmaps when collected, and so a drain holding a
/// reference (<see cref="SafeHandle.DangerousAddRef"/>) keeps the memory mapped until it returns
/// even when another thread disposes the reader meanwhile.
/// </summary>
internal sealed class RingMapping : SafeHandle
{
    private nint _producer;
    private nuint _producerLength;

    /// <summary>An empty (invalid) mapping; <see cref="Map"/> is how mappings are made.</summary>
    internal RingMapping()
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == 0;

    /// <summary>The consumer position page.</summary>
    internal nint Consumer => handle;

    /// <summary>The producer position page; the data starts one page after it.</summary>
    internal nint Producer => _producer;

    /// <summary>Maps the ring buffer behind <paramref name="mapFd"/> (its size is <paramref name="dataSize"/>).</summary>
    /// <exception cref="BpfException">mmap(2) failed.</exception>
    internal static RingMapping Map(int mapFd, int dataSize, string name)
    {
        int page = LibC.PageSize;
        var mapping = new RingMapping();
        try
        {
            mapping.SetHandle(MapOrThrow(mapFd, (nuint)page, LibC.ProtRead | LibC.ProtWrite, 0, $"the consumer page of ring buffer '{name}'"));
            var producerLength = (nuint)(page + (2 * (long)dataSize));
            mapping._producer = MapOrThrow(mapFd, producerLength, LibC.ProtRead, page, $"the producer page and data of ring buffer '{name}'");
            mapping._producerLength = producerLength;
            return mapping;
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        if (_producer != 0)
        {
            LibC.Munmap(_producer, _producerLength);
        }
        LibC.Munmap(handle, (nuint)LibC.PageSize);
        return true;
    }

    private static nint MapOrThrow(int fd, nuint length, int protection, long offset, string what)
    {
        var address = LibC.Mmap(0, length, protection, LibC.MapShared, fd, offset);
        return address == -1 ? throw BpfErrors.FromLastError($"map {what}") : address;
    }
}
