namespace BpfLinq.Runtime.Native;

/// <summary>
/// One reference on a <see cref="BpfFileDescriptor"/> for the length of one operation: while any
/// lease is open, <c>Dispose</c> of the owner only marks the descriptor closed and close(2) waits
/// for the last lease, so the number in <see cref="Fd"/> cannot be reused by a new object meanwhile.
/// The default lease holds nothing and reads 0 (the UAPI's "no fd").
/// </summary>
internal readonly struct DescriptorLease : IDisposable
{
    private readonly BpfFileDescriptor? _descriptor;

    internal DescriptorLease(BpfFileDescriptor descriptor, int fd)
    {
        _descriptor = descriptor;
        Fd = fd;
    }

    /// <summary>The fd number, valid until <see cref="Dispose"/>; 0 for the default lease.</summary>
    public int Fd { get; }

    /// <summary>Gives the reference back (closing the fd when its owner was disposed meanwhile).</summary>
    public void Dispose() => _descriptor?.DangerousRelease();
}
