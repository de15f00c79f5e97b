using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native;

internal static partial class LibC
{
    internal const int ProtRead = 1;
    internal const int ProtWrite = 2;
    internal const int MapShared = 1;
    internal const int EpollCloexec = 0x80000;
    internal const int EpollCtlAdd = 1;
    internal const uint EpollIn = 1;

    /// <summary>mmap(2); returns MAP_FAILED (-1) on error.</summary>
    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    /// <summary>munmap(2).</summary>
    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint address, nuint length);

    /// <summary>epoll_create1(2).</summary>
    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int EpollCreate1(int flags);

    /// <summary>epoll_ctl(2) with the packed 12-byte struct epoll_event of x86-64 (events, then 8 bytes of data).</summary>
    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    internal static unsafe partial int EpollCtl(int epfd, int op, int fd, byte* epollEvent);

    /// <summary>epoll_wait(2).</summary>
    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    internal static unsafe partial int EpollWait(int epfd, byte* events, int maxEvents, int timeoutMilliseconds);

    /// <summary>sysconf(_SC_PAGESIZE) through Environment: the page size.</summary>
    internal static int PageSize => Environment.SystemPageSize;
}
