namespace BpfLinq;

/// <summary>
/// A program calls a kfunc the kernel does not provide: no FUNC of that name carries the
/// <c>bpf_kfunc</c> decl tag in the kernel's BTF (an older kernel, a kernel built without the
/// subsystem, a module not loaded, or a typo). Thrown by <see cref="Runtime.Btf.KfuncResolver.Resolve"/>, which
/// runs when a program's kfunc calls are bound, before the verifier sees the program.
/// </summary>
public class KfuncNotFoundException : BpfException
{
    /// <summary>Creates an exception without details.</summary>
    public KfuncNotFoundException()
        : this("the kernel does not provide a kfunc the program calls")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public KfuncNotFoundException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public KfuncNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
        KfuncName = "";
    }

    /// <summary>Creates the exception for a kfunc that was looked up and not found.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="kfuncName">The name that was looked up.</param>
    /// <param name="suggestion">A kfunc with a similar name, if one exists.</param>
    public KfuncNotFoundException(string message, string kfuncName, string? suggestion)
        : base(message, innerException: null)
    {
        KfuncName = kfuncName;
        Suggestion = suggestion;
    }

    /// <summary>The kfunc name that was looked up.</summary>
    public string KfuncName { get; }

    /// <summary>A kfunc of the same kernel with a similar name (a likely typo fix), or null.</summary>
    public string? Suggestion { get; }
}
