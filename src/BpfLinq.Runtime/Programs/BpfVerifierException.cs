using BpfLinq.Runtime.Native;

namespace BpfLinq;

/// <summary>
/// The verifier (or the BTF checker) rejected a load. <see cref="Summary"/> is the line of the log
/// that says why (with the line before it when that one explains it); <see cref="Log"/> is the whole
/// log; <see cref="InstructionIndex"/> is the instruction the log was at, when it names one.
/// </summary>
public class BpfVerifierException : BpfException
{
    /// <summary>Creates an exception without details.</summary>
    public BpfVerifierException()
        : this("the verifier rejected the program")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public BpfVerifierException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BpfVerifierException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Summary = message;
        Log = "";
    }

    /// <summary>Creates an exception for a rejected load.</summary>
    /// <param name="message">The message: operation and summary.</param>
    /// <param name="errno">EACCES or EINVAL.</param>
    /// <param name="command">The load command.</param>
    /// <param name="operation">What was being loaded.</param>
    /// <param name="summary">The line(s) that matter.</param>
    /// <param name="log">The full log.</param>
    /// <param name="instructionIndex">The instruction the log stopped at, or null.</param>
    /// <param name="logTruncated">True when the log hit the size cap and lost its beginning.</param>
    public BpfVerifierException(
        string message, Errno errno, BpfCommand command, string operation, string summary, string log,
        int? instructionIndex, bool logTruncated)
        : base(message, errno, command, operation)
    {
        Summary = summary;
        Log = log;
        InstructionIndex = instructionIndex;
        LogTruncated = logTruncated;
    }

    /// <summary>The kernel's reason, e.g. <c>R0 !read_ok</c>; the message's last part.</summary>
    public string Summary { get; }

    /// <summary>The full log of the rejected load.</summary>
    public string Log { get; }

    /// <summary>The index of the instruction the verifier rejected, when the log names one.</summary>
    public int? InstructionIndex { get; }

    /// <summary>True when the log outgrew <see cref="Runtime.ProgramLoadOptions.LogSizeLimit"/> and lost its beginning.</summary>
    public bool LogTruncated { get; }
}
