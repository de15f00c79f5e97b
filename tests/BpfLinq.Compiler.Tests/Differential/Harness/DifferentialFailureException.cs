namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>A differential case failed; the message is the report.</summary>
internal sealed class DifferentialFailureException : Exception
{
    /// <summary>A failure with its report.</summary>
    public DifferentialFailureException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with its report and what raised it.</summary>
    public DifferentialFailureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
