namespace BpfLinq.Compiler.Isa;

/// <summary>
/// A line of assembly that <see cref="Assembler"/> cannot read. The message starts with the
/// position: <c>line 3, column 12: expected a register, found 'x1'</c>.
/// </summary>
public sealed class AssemblerException : Exception
{
    /// <summary>Creates the exception for a position in the source text (both 1-based).</summary>
    public AssemblerException(int line, int column, string reason)
        : base($"line {line}, column {column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Creates the exception without a position (for serializers and tests).</summary>
    public AssemblerException()
        : this(0, 0, "invalid assembly")
    {
    }

    /// <summary>Creates the exception without a position.</summary>
    public AssemblerException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception without a position, wrapping another.</summary>
    public AssemblerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The 1-based line of the error (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = "";
}
