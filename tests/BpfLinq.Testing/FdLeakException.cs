namespace BpfLinq.Testing;

/// <summary>The run left BPF file descriptors open; the message lists each with where it was opened.</summary>
public sealed class FdLeakException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public FdLeakException()
        : base("BPF file descriptors were left open")
    {
    }

    /// <summary>Creates the exception with the leak report.</summary>
    /// <param name="message">The report.</param>
    public FdLeakException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a report and a cause.</summary>
    /// <param name="message">The report.</param>
    /// <param name="innerException">The cause.</param>
    public FdLeakException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
