using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// Owns one file descriptor the runtime opened (map, program, BTF object, link). The only place an
/// fd is closed. A kernel result of fd 0 is moved to a descriptor ≥ 1 first, because the bpf UAPI
/// reads 0 in fd fields (inner_map_fd, prog_btf_fd, ...) as "none".
/// </summary>
/// <remarks>
/// When <see cref="FileDescriptorTracker"/> is enabled (tests), each descriptor records where it was
/// opened and is forgotten only when it is really closed through <see cref="SafeHandle.Dispose()"/>;
/// one closed by the finalizer stays on the list, because a finalizer closing it is the leak.
/// </remarks>
internal sealed class BpfFileDescriptor : SafeHandle
{
    private long _trackingId;
    private bool _finalizing;

    /// <summary>Creates an empty (invalid) descriptor; <see cref="Adopt"/> is how fds get one.</summary>
    internal BpfFileDescriptor()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle < 0;

    /// <summary>
    /// The fd number, for callers that only show or hand it on (the public <c>Fd</c> properties).
    /// Throws when the descriptor was already closed. A syscall takes a <see cref="Borrow(object)"/> instead:
    /// a number read here may be closed and reused by another object before the syscall runs.
    /// </summary>
    public int Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (int)handle;
        }
    }

    /// <summary>
    /// Holds the descriptor open for one operation (dispose the lease when the syscall returned).
    /// </summary>
    /// <param name="owner">The object the caller sees, named by the exception.</param>
    /// <exception cref="ObjectDisposedException">The owner was disposed.</exception>
    internal DescriptorLease Borrow(object owner)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(owner.GetType().Name);
        }
        return new DescriptorLease(this, (int)DangerousGetHandle());
    }

    /// <summary>A lease on an optional descriptor: the default lease (fd 0, "none") when there is none.</summary>
    internal static DescriptorLease Borrow(BpfFileDescriptor? descriptor, object? owner) =>
        descriptor is null ? default : descriptor.Borrow(owner ?? descriptor);

    /// <summary>Takes ownership of a freshly returned fd.</summary>
    /// <exception cref="BpfException">The fd was 0 and could not be moved.</exception>
    internal static BpfFileDescriptor Adopt(long fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        int number = (int)fd;
        if (number == 0)
        {
            number = MoveOffZero();
        }
        var descriptor = new BpfFileDescriptor();
        descriptor.SetHandle(number);
        descriptor._trackingId = FileDescriptorTracker.Opened(number);
        return descriptor;
    }

    private static int MoveOffZero()
    {
        int moved = LibC.Fcntl(0, LibC.FDupFdCloexec, 1);
        var errno = (Errno)Marshal.GetLastPInvokeError();
        LibC.Close(0);
        if (moved < 0)
        {
            throw BpfErrors.Create(errno, command: null, "move a BPF object's fd off descriptor 0 (fcntl F_DUPFD_CLOEXEC)");
        }
        return moved;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _finalizing = !disposing;
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        FileDescriptorTracker.Closed(_trackingId, byFinalizer: _finalizing);
        // close(2) releases the descriptor even when it reports EINTR or EIO on Linux; retrying could
        // close an fd another thread just opened, so the result is deliberately ignored.
        LibC.Close((int)handle);
        return true;
    }
}
