namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>A differential case failed; the message is the report, <see cref="Case"/> the (shrunk) case.</summary>
internal sealed class DifferentialFailureException : Exception
{
    /// <summary>A failure with its report.</summary>
    public DifferentialFailureException(string message, DifferentialCase? failingCase = null, Exception? inner = null)
        : base(message, inner)
    {
        Case = failingCase;
    }

    /// <summary>The failing case (after shrinking, when it comes from the property).</summary>
    public DifferentialCase? Case { get; }
}
