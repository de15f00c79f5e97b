using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native;

internal static unsafe partial class LibC
{
    /// <summary><c>AF_UNIX</c>.</summary>
    internal const int AfUnix = 1;

    /// <summary><c>SOCK_NONBLOCK</c>, or-ed into the socket type.</summary>
    internal const int SockNonBlock = 0x800;

    /// <summary><c>SOCK_CLOEXEC</c>, or-ed into the socket type.</summary>
    internal const int SockCloexec = 0x80000;

    /// <summary><c>SOL_SOCKET</c>.</summary>
    internal const int SolSocket = 1;

    /// <summary><c>SO_DETACH_BPF</c> (same value as <c>SO_DETACH_FILTER</c>).</summary>
    internal const int SoDetachBpf = 27;

    /// <summary><c>SO_ATTACH_BPF</c>: the option value is a program fd.</summary>
    internal const int SoAttachBpf = 50;

    /// <summary>socketpair(2).</summary>
    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    internal static partial int SocketPair(int domain, int type, int protocol, int* fds);

    /// <summary>setsockopt(2).</summary>
    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);
}
