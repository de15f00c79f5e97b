using System.Text;
using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// The load sequence shared by <c>BPF_PROG_LOAD</c> and <c>BPF_BTF_LOAD</c>: try without a log
/// (the fast path: no buffer, no formatting cost in the kernel); on failure load once more with a
/// log of <see cref="InitialLogSize"/>, and a third time only when that log overflowed and a larger
/// buffer, within the cap, will hold all of it.
/// </summary>
/// <remarks>
/// Since Linux 6.4 the log is a rotating buffer: on overflow the kernel keeps the newest bytes (the
/// rejection is at the end), finishes verification, then fails with ENOSPC and reports the size it
/// needed in <c>log_true_size</c>. So an overflowed log already holds the error: the sequence reloads
/// at exactly that size when it fits under the cap, and otherwise keeps the tail it has (reloading
/// at the cap would only give a longer tail of the same walk, at the price of another
/// verification). Older kernels report 0 there and keep the log's beginning, so the loop doubles up
/// to the cap instead. ENOSPC also overrides a success when the log overflowed, which is why a
/// logged attempt can come back with an fd. A truncated log comes with the errno of the first,
/// log-less attempt. A program the verifier gave up on (E2BIG: its budget of a million
/// instructions spent) logs a walk of tens of megabytes: before, that meant a third load with a
/// 16 MiB buffer; now its 64 KiB tail, which names the verdict and the instruction, is the log.
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
        int cap = Math.Max(maxLogSize, MinimumLogSize);
        int size = Math.Min(InitialLogSize, cap);
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
            uint needed = attr.LogTrueSize;
            bool rotating = needed > 0;
            if (size >= cap || (rotating && needed > (uint)cap))
            {
                return new LoadOutcome(null, firstErrno, Decode(buffer), LogTruncated: true, needed);
            }
            size = (int)Math.Min(rotating ? needed : (long)size * 2, cap);
        }
    }
    private static string Decode(byte[] buffer)
    {
        int end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
