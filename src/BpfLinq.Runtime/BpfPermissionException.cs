using BpfLinq.Runtime.Native;

namespace BpfLinq;

/// <summary>
/// The kernel answered EPERM because the process lacks a capability. <see cref="Capability"/> names
/// the one the operation needs (CAP_BPF, CAP_NET_ADMIN, CAP_PERFMON or CAP_SYS_ADMIN).
/// </summary>
public class BpfPermissionException : BpfException
{
    /// <summary>Creates an exception without details.</summary>
    public BpfPermissionException()
        : this("a BPF operation needs a capability the process lacks")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public BpfPermissionException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BpfPermissionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Capability = "CAP_SYS_ADMIN";
    }

    /// <summary>Creates an exception for an EPERM from a kernel call.</summary>
    /// <param name="message">The full message, advice included.</param>
    /// <param name="command">The bpf command that failed.</param>
    /// <param name="operation">What the runtime was doing.</param>
    /// <param name="capability">The capability the operation needs.</param>
    public BpfPermissionException(string message, BpfCommand? command, string operation, string capability)
        : base(message, Errno.EPERM, command, operation)
    {
        Capability = capability;
    }

    /// <summary>The capability the operation needs, as the kernel names it (<c>CAP_NET_ADMIN</c>).</summary>
    public string Capability { get; }
}
