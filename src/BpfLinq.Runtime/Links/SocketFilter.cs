using System.Net.Sockets;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime;

namespace BpfLinq.Runtime;

/// <summary>
/// A socket filter program attached to a socket with <c>SO_ATTACH_BPF</c>: for every packet the
/// socket receives, the program's return value is how many bytes to keep (0 drops it). Disposing
/// detaches it with <c>SO_DETACH_BPF</c>. The socket holds its own reference to the program, so
/// the <see cref="BpfProgram"/> may be disposed first.
/// </summary>
public sealed class SocketFilter : IDisposable
{
    private readonly SafeHandle _socket;
    private bool _attached;

    private SocketFilter(SafeHandle socket)
    {
        _socket = socket;
        _attached = true;
    }

    /// <summary>Attaches a socket filter program to a .NET socket (replacing any filter it had).</summary>
    /// <exception cref="BpfException">EINVAL: the program is not a socket filter; EBADF: the socket is closed.</exception>
    public static SocketFilter Attach(Socket socket, BpfProgram program)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return Attach(socket.SafeHandle, program);
    }

    /// <summary>Attaches a socket filter program to a socket given by its handle (e.g. a <see cref="SafeSocketHandle"/>).</summary>
    /// <exception cref="BpfException">EINVAL: the program is not a socket filter; ENOTSOCK/EBADF: not an open socket.</exception>
    public static SocketFilter Attach(SafeHandle socket, BpfProgram program)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(program);
        if (program.Type != ProgramType.SocketFilter)
        {
            throw new ArgumentException($"SO_ATTACH_BPF takes a {ProgramType.SocketFilter} program, not {program.Type}", nameof(program));
        }
        using var programFd = program.Borrow();
        SetOption(socket, LibC.SoAttachBpf, programFd.Fd, $"attach program '{program.Name}' to a socket (SO_ATTACH_BPF)");
        return new SocketFilter(socket);
    }

    /// <summary>Detaches the filter now. Does nothing when it was already detached.</summary>
    /// <exception cref="BpfException">The kernel refused (ENOENT: someone else detached the filter).</exception>
    public void Detach()
    {
        if (!_attached)
        {
            return;
        }
        _attached = false;
        if (_socket.IsClosed)
        {
            return; // closing the socket dropped the filter with it
        }
        SetOption(_socket, LibC.SoDetachBpf, 0, "detach a socket filter (SO_DETACH_BPF)");
    }

    /// <summary>Detaches the filter unless the socket is gone or no filter is attached any more.</summary>
    public void Dispose()
    {
        try
        {
            Detach();
        }
        catch (BpfException e) when (e.Errno is Errno.ENOENT or Errno.EBADF)
        {
            // Already detached or replaced by someone else, or the socket closed meanwhile: nothing left to undo.
        }
    }

    private static unsafe void SetOption(SafeHandle socket, int option, int value, string operation)
    {
        bool added = false;
        try
        {
            socket.DangerousAddRef(ref added);
            int fd = (int)socket.DangerousGetHandle();
            if (LibC.SetSockOpt(fd, LibC.SolSocket, option, &value, sizeof(int)) != 0)
            {
                throw BpfErrors.Create((Errno)Marshal.GetLastPInvokeError(), command: null, operation);
            }
        }
        finally
        {
            if (added)
            {
                socket.DangerousRelease();
            }
        }
    }
}
