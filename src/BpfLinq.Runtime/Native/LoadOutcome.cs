namespace BpfLinq.Runtime.Native;

/// <summary>What <see cref="LoggedLoad.Run"/> ended with: an fd, or an errno and maybe a log.</summary>
/// <param name="Fd">The new object's fd on success.</param>
/// <param name="Errno">The failure's errno.</param>
/// <param name="Log">The kernel's log of the failed attempt, or null.</param>
/// <param name="LogTruncated">True when the log hit the size cap and lost its beginning.</param>
/// <param name="NeededLogSize">For a truncated log, the size the kernel said all of it needs (0 when it did not say).</param>
internal readonly record struct LoadOutcome(BpfFileDescriptor? Fd, Errno Errno, string? Log, bool LogTruncated, uint NeededLogSize = 0);
