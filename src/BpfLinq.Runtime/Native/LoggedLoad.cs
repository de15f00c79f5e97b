using System.Text;
using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// The load sequence shared by <c>BPF_PROG_LOAD</c> and <c>BPF_BTF_LOAD</c>: try without a log
/// (the fast path: no buffer, no formatting cost in the kernel); on failure load again with a log,
/// starting at <see cref="InitialLogSize"/> and growing on ENOSPC up to a cap.
/// </summary>
/// <remarks>
/// Since Linux 6.4 the log is a rotating buffer: on overflow the kernel keeps the newest bytes (the
/// rejection is at the end), finishes verification, then fails with ENOSPC and reports the size it
/// needed in <c>log_true_size</c>; the loop jumps straight to that size. Older kernels report 0
/// there and the loop doubles instead. ENOSPC also overrides a success when the log overflowed,
/// which is why a logged attempt can come back with an fd. At the cap the truncated log is used
/// (its tail still holds the error) with the errno of the first, log-less attempt.
/// </remarks>
internal static unsafe class LoggedLoad
{
    /// <summary>The first log buffer's size.</summary>
    internal const int InitialLogSize = 64 * 1024;

    /// <summary>The smallest log buffer the kernel accepts.</summary>
    internal const int MinimumLogSize = 128;

    /// <summary>Runs the sequence. On failure, <see cref="LoadOutcome.Log"/> holds the log (or null when none was taken).</summary>
    /// <param name="command">ProgLoad or BtfLoad.</param>
    /// <param name="attr">The attr, fully set up except for its log fields.</param>
    /// <param name="logLevel">The log level of the second attempt; 0 skips it.</param>
    /// <param name="maxLogSize">The cap on the log buffer, in bytes.</param>
    internal static LoadOutcome Run<TAttr>(BpfCommand command, ref TAttr attr, uint logLevel, int maxLogSize)
        where TAttr : unmanaged, ILogAttr
    {
        attr.SetLog(0, 0, 0);
        long fd = BpfSyscall.TryInvoke(command, ref attr, out Errno firstErrno);
        if (fd >= 0)
        {
            return new LoadOutcome(BpfFileDescriptor.Adopt(fd), Errno.None, Log: null, LogTruncated: false);
        }
        // EPERM is decided before verification: a log would be empty.
        if (logLevel == 0 || firstErrno == Errno.EPERM)
        {
            return new LoadOutcome(null, firstErrno, Log: null, LogTruncated: false);
        }
        int size = Math.Clamp(InitialLogSize, MinimumLogSize, Math.Max(maxLogSize, MinimumLogSize));
        while (true)
        {
            byte[] buffer = new byte[size];
            Errno errno;
            fixed (byte* log = buffer)
            {
                attr.SetLog((ulong)log, (uint)size, logLevel);
                fd = BpfSyscall.TryInvoke(command, ref attr, out errno);
                attr.SetLog(0, 0, 0);
            }
            if (fd >= 0)
            {
                return new LoadOutcome(BpfFileDescriptor.Adopt(fd), Errno.None, Log: null, LogTruncated: false);
            }
            if (errno != Errno.ENOSPC)
            {
                return new LoadOutcome(null, errno, Decode(buffer), LogTruncated: false);
            }
            if (size >= maxLogSize)
            {
                return new LoadOutcome(null, firstErrno, Decode(buffer), LogTruncated: true);
            }
            uint needed = attr.LogTrueSize;
            long next = needed > (uint)size ? needed : (long)size * 2;
            size = (int)Math.Min(next, maxLogSize);
        }
    }

    private static string Decode(byte[] buffer)
    {
        int end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
