using System.Net.Sockets;
using System.Runtime.InteropServices;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime;

/// <summary>
/// socketpair(2) for AF_UNIX, as two connected .NET sockets: the simplest way to get packets
/// flowing through a socket filter or a sockmap without a network. Both ends are close-on-exec.
/// Deconstructs into its ends: <c>var (receiver, sender) = SocketPair.Create(SocketType.Dgram);</c>
/// </summary>
public sealed class SocketPair : IDisposable
{
    private SocketPair(Socket first, Socket second) => (First, Second) = (first, second);

    /// <summary>One end.</summary>
    public Socket First { get; }

    /// <summary>The other end.</summary>
    public Socket Second { get; }

    /// <summary>The two ends, in order.</summary>
    public void Deconstruct(out Socket first, out Socket second) => (first, second) = (First, Second);

    /// <summary>Closes both ends.</summary>
    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }

    /// <summary>Creates a connected pair of AF_UNIX sockets.</summary>
    /// <param name="type"><see cref="SocketType.Dgram"/>, <see cref="SocketType.Stream"/> or <see cref="SocketType.Seqpacket"/>.</param>
    /// <param name="nonBlocking">Creates the sockets with <c>SOCK_NONBLOCK</c>.</param>
    /// <returns>The two ends; each may send to the other.</returns>
    /// <exception cref="IOException">The kernel refused (e.g. out of descriptors).</exception>
    public static unsafe SocketPair Create(SocketType type, bool nonBlocking = false)
    {
        int kernelType = type switch
        {
            SocketType.Stream => 1,
            SocketType.Dgram => 2,
            SocketType.Seqpacket => 5,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "AF_UNIX socket pairs are stream, datagram or seqpacket"),
        };
        kernelType |= LibC.SockCloexec | (nonBlocking ? LibC.SockNonBlock : 0);
        int* fds = stackalloc int[2];
        if (LibC.SocketPair(LibC.AfUnix, kernelType, 0, fds) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"socketpair(AF_UNIX, {type}) failed with errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        return new SocketPair(Adopt(fds[0]), Adopt(fds[1]));
    }

    private static Socket Adopt(int fd) => new(new SafeSocketHandle(fd, ownsHandle: true));
}
