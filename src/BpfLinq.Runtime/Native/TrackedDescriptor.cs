namespace BpfLinq.Runtime.Native;

/// <summary>One fd the tracker saw opened and not disposed.</summary>
/// <param name="Id">The tracker's key for it.</param>
/// <param name="Fd">The descriptor number when it was opened.</param>
/// <param name="OpenedAt">The stack trace of the open.</param>
internal sealed record TrackedDescriptor(long Id, int Fd, string OpenedAt)
{
    /// <summary>True when no one disposed it and the finalizer closed it instead (still a leak).</summary>
    public bool ClosedByFinalizer { get; set; }
}
