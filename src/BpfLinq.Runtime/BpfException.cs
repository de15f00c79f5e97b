using BpfLinq.Runtime.Native;

namespace BpfLinq;

/// <summary>
/// A kernel call of the runtime failed. <see cref="Exception.Message"/> names the operation, the
/// errno and what to do about it; <see cref="Errno"/> and <see cref="Command"/> let code react.
/// </summary>
public class BpfException : Exception
{
    /// <summary>Creates an exception with a message only (no errno).</summary>
    public BpfException()
        : this("a BPF operation failed")
    {
    }

    /// <summary>Creates an exception with a message only (no errno).</summary>
    /// <param name="message">The message.</param>
    public BpfException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and a cause (no errno).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BpfException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Operation = "";
    }

    /// <summary>Creates an exception for a failed kernel call.</summary>
    /// <param name="message">The full message, advice included.</param>
    /// <param name="errno">The errno the kernel returned.</param>
    /// <param name="command">The bpf command, or null for a non-bpf call (setsockopt, fcntl).</param>
    /// <param name="operation">What the runtime was doing, e.g. <c>update map 'counts'</c>.</param>
    public BpfException(string message, Errno errno, BpfCommand? command, string operation)
        : base(message)
    {
        Errno = errno;
        Command = command;
        Operation = operation;
    }

    /// <summary>The errno the kernel returned (<see cref="Errno.None"/> when not from a kernel call).</summary>
    public Errno Errno { get; }

    /// <summary>The bpf command that failed, or null when the failing call was not bpf(2).</summary>
    public BpfCommand? Command { get; }

    /// <summary>What the runtime was doing, in words (<c>load program 'filter'</c>).</summary>
    public string Operation { get; }
}
