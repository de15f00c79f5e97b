using System.Collections.Concurrent;
using System.Diagnostics;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// Test-only registry of the fds <see cref="BpfFileDescriptor"/> opened and not yet disposed, each
/// with the stack where it was opened (cilium's fd_trace idea). Off unless a test framework calls
/// <see cref="Enable"/>; then every open records a stack trace, which is too slow for production.
/// </summary>
internal static class FileDescriptorTracker
{
    private static readonly ConcurrentDictionary<long, TrackedDescriptor> s_open = new();
    private static long s_nextId;
    private static volatile bool s_enabled;

    /// <summary>True once <see cref="Enable"/> was called.</summary>
    internal static bool IsEnabled => s_enabled;

    /// <summary>Starts recording; descriptors opened before this call are not tracked.</summary>
    internal static void Enable() => s_enabled = true;

    /// <summary>The descriptors opened since <see cref="Enable"/> and not disposed, oldest first.</summary>
    internal static IReadOnlyList<TrackedDescriptor> OpenDescriptors() =>
        [.. s_open.OrderBy(entry => entry.Key).Select(entry => entry.Value)];

    /// <summary>Records an open; returns the id to pass to <see cref="Closed"/>, 0 when not tracking.</summary>
    internal static long Opened(int fd)
    {
        if (!s_enabled)
        {
            return 0;
        }
        long id = Interlocked.Increment(ref s_nextId);
        // Skip this frame and Adopt's: the report should start at the runtime API that opened it.
        s_open[id] = new TrackedDescriptor(id, fd, new StackTrace(2, fNeedFileInfo: true).ToString());
        return id;
    }

    /// <summary>Records a close: forgets the fd, or when the finalizer closed it, keeps it as a leak.</summary>
    internal static void Closed(long id, bool byFinalizer)
    {
        if (id == 0)
        {
            return;
        }
        if (byFinalizer)
        {
            if (s_open.TryGetValue(id, out var leaked))
            {
                leaked.ClosedByFinalizer = true;
            }
        }
        else
        {
            s_open.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Drops an entry without it being disposed: only for tests of the tracker itself, which leak on
    /// purpose and must not fail the run for it.
    /// </summary>
    internal static void Forget(TrackedDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        s_open.TryRemove(descriptor.Id, out _);
    }
}
