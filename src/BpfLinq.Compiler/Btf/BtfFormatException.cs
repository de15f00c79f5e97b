namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Raw BTF could not be decoded: a bad header, a truncated or overlapping section, an unknown kind,
/// a string offset or type id out of range, or a record the object model cannot represent (which the
/// kernel rejects as well, e.g. a named pointer or a non-zero vlen on an INT). The message names
/// the type id and byte offset where it went wrong.
/// </summary>
public sealed class BtfFormatException : FormatException
{
    /// <summary>Creates the exception with a default message.</summary>
    public BtfFormatException()
        : base("invalid BTF")
    {
    }

    /// <summary>Creates the exception with a message that says what is wrong and where.</summary>
    public BtfFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BtfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
