using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// The single entry into <c>bpf(2)</c>. Every command passes a pointer to its own attr struct and
/// that struct's full size: the kernel copies <c>min(size, sizeof(union bpf_attr))</c> bytes and
/// zero-fills the rest, and rejects a command whose bytes past its last field are non-zero, so the
/// structs cover exactly the fields the runtime uses and start zeroed (<c>default</c>).
/// </summary>
/// <remarks>
/// EINTR is always retried. EAGAIN is retried a few times for <see cref="BpfCommand.ProgLoad"/>
/// only, where the verifier returns it when a signal interrupts a long verification; elsewhere it
/// carries meaning for the caller.
/// </remarks>
internal static unsafe partial class BpfSyscall
{
    private const int MaxEagainAttempts = 5;

    /// <summary>__NR_bpf for the running architecture.</summary>
    private static long Number => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 321,
        Architecture.Arm64 => 280,
        var other => throw new PlatformNotSupportedException(
            $"bpf(2) is wired for x86_64 and arm64 only, not {other}; add its __NR_bpf to BpfSyscall.Number"),
    };

    /// <summary>
    /// libc's variadic <c>syscall()</c>, imported with exactly the four arguments every bpf command
    /// takes (number, cmd, attr, size). On x86_64 and arm64 integer arguments of a variadic call go
    /// in the same registers as a fixed-arity call, so the fixed signature is sound there.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long cmd, void* attr, long size);

    /// <summary>Runs a command; returns its non-negative result, or -1 with <paramref name="errno"/> set.</summary>
    internal static long TryInvoke<TAttr>(BpfCommand command, ref TAttr attr, out Errno errno)
        where TAttr : unmanaged
    {
        long number = Number;
        int eagainAttempts = 0;
        fixed (TAttr* pointer = &attr)
        {
            while (true)
            {
                long result = Syscall(number, (long)command, pointer, sizeof(TAttr));
                if (result >= 0)
                {
                    errno = Errno.None;
                    return result;
                }
                errno = (Errno)Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }
                if (errno == Errno.EAGAIN && command == BpfCommand.ProgLoad && ++eagainAttempts < MaxEagainAttempts)
                {
                    continue;
                }
                return -1;
            }
        }
    }

    /// <summary>Runs a command; throws the errno's exception (see <see cref="BpfErrors"/>) on failure.</summary>
    /// <param name="command">The command.</param>
    /// <param name="attr">Its attr struct, read and possibly written by the kernel.</param>
    /// <param name="operation">What the caller was doing, for the message ("update map 'counts'").</param>
    internal static long Invoke<TAttr>(BpfCommand command, ref TAttr attr, string operation)
        where TAttr : unmanaged
    {
        long result = TryInvoke(command, ref attr, out Errno errno);
        if (result < 0)
        {
            throw BpfErrors.Create(errno, command, operation);
        }
        return result;
    }

    /// <summary>Runs a command that returns a new fd and takes ownership of it.</summary>
    internal static BpfFileDescriptor InvokeForFd<TAttr>(BpfCommand command, ref TAttr attr, string operation)
        where TAttr : unmanaged
        => BpfFileDescriptor.Adopt(Invoke(command, ref attr, operation));
}
