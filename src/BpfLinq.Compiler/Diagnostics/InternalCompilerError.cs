namespace BpfLinq;

/// <summary>
/// A bug in BpfLinq, never the user's fault: an IR invariant broken by a pass, an allocation the
/// checker refutes, or a program of ours the kernel verifier rejects. Carries the phase and a dump.
/// </summary>
#pragma warning disable CA1710 // "internal compiler error" is the established name (Roslyn, Cranelift); it is not a general-purpose exception
public sealed class InternalCompilerError : Exception
#pragma warning restore CA1710
{
    /// <summary>Creates an error without details.</summary>
    public InternalCompilerError()
        : this("internal compiler error")
    {
    }

    /// <summary>Creates an error with a message.</summary>
    public InternalCompilerError(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an error with a message and a cause.</summary>
    public InternalCompilerError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error naming the phase, the function and what broke, with a dump attached.</summary>
    public InternalCompilerError(string phase, string function, string problem, string dump)
        : base($"BpfLinq internal compiler error (a bug in BpfLinq, please report it) after {phase} in {function}: {problem}\n{dump}")
    {
        Phase = phase;
        FunctionName = function;
        Dump = dump;
    }

    /// <summary>The pass or phase after which the problem was found.</summary>
    public string? Phase { get; }

    /// <summary>The function being compiled.</summary>
    public string? FunctionName { get; }

    /// <summary>The IR or assembly at the time of the failure.</summary>
    public string? Dump { get; }
}
