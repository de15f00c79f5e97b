using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native;

internal static partial class LibC
{
    /// <summary><c>F_DUPFD_CLOEXEC</c>: duplicate to the lowest free fd at or above the argument, close-on-exec.</summary>
    internal const int FDupFdCloexec = 1030;

    /// <summary>fcntl(2) with an int argument. Fixed arity (fcntl is variadic) for the same reason as BpfSyscall.Syscall.</summary>
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    /// <summary>close(2).</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
