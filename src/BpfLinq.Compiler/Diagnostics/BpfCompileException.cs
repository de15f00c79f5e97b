using System.Globalization;
using System.Text;
using BpfLinq.Compiler.Diagnostics;

// The file lives in Diagnostics/ with the other diagnostics, but the type is in the BpfLinq
// namespace: users write `using BpfLinq;` and must be able to catch it without another import.
namespace BpfLinq;

/// <summary>
/// The lambda cannot be compiled: it uses something eBPF cannot express the way the CLR does (an
/// unsupported node, a field the program kind may not read, a division that could throw ...). The
/// <see cref="Exception.Message"/> names the problem and the fix, then the offending expression
/// rendered as C#, its path from the lambda, the lambda and where it was written:
/// <code>
/// BPF0012: field SkBuff.Tstamp cannot be read by a SocketFilter program
/// at: skb.Tstamp
/// path: Body.Test.Left
/// lambda: skb => skb.Tstamp > 0 ? Pass : Drop
/// source: Program.cs:42
/// </code>
/// It lives in the <c>BpfLinq</c> namespace (its file is with the other diagnostics) so that
/// <c>using BpfLinq;</c> is enough to catch it. <see cref="DiagnosticCode"/> lists the codes.
/// </summary>
public sealed class BpfCompileException : Exception
{
    /// <summary>Creates an exception without details (prefer the compiler's own instances).</summary>
    public BpfCompileException()
        : this("the lambda cannot be compiled")
    {
    }

    /// <summary>Creates an exception with a message and no location.</summary>
    public BpfCompileException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message, a cause and no location.</summary>
    public BpfCompileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = "";
        Summary = message;
    }

    internal BpfCompileException(string code, string summary, DiagnosticLocation location, Exception? innerException = null)
        : base(Format(code, summary, location), innerException)
    {
        Code = code;
        Summary = summary;
        ExpressionText = location.ExpressionText;
        ExpressionPath = location.ExpressionPath;
        Kind = location.Kind;
        Lambda = location.Lambda;
        SourceFile = location.SourceFile;
        SourceLine = location.SourceLine;
    }

    /// <summary>The stable code, one of <see cref="DiagnosticCode"/> (<c>BPF0012</c>); empty when not set.</summary>
    public string Code { get; }

    /// <summary>The first line of the message without the code: what is wrong and how to fix it.</summary>
    public string Summary { get; }

    /// <summary>The offending expression rendered as C# (<c>skb.Tstamp</c>), or null.</summary>
    public string? ExpressionText { get; }

    /// <summary>
    /// The offending expression's path from the lambda in the Expression API's property names
    /// (<c>Body.Test.Left</c>, <c>Body.Arguments[1]</c>); empty for the lambda itself, null when unknown.
    /// </summary>
    public string? ExpressionPath { get; }

    /// <summary>The program kind being compiled for, when the error depends on it.</summary>
    public ProgramKind? Kind { get; }

    /// <summary>The whole lambda as written (the caller's source text when known, otherwise rendered).</summary>
    public string? Lambda { get; }

    /// <summary>The file the lambda was written in, when the entry point captured it.</summary>
    public string? SourceFile { get; }

    /// <summary>The line the lambda was written on (0 when unknown).</summary>
    public int SourceLine { get; }

    private static string Format(string code, string summary, DiagnosticLocation location)
    {
        var sb = new StringBuilder();
        sb.Append(code).Append(": ").Append(summary);
        if (location.ExpressionText is { } text)
        {
            sb.Append("\nat: ").Append(text);
        }
        if (location.ExpressionPath is { Length: > 0 } path)
        {
            sb.Append("\npath: ").Append(path);
        }
        if (location.Lambda is { } lambda)
        {
            sb.Append("\nlambda: ").Append(lambda);
        }
        if (location.SourceFile is { Length: > 0 } file)
        {
            sb.Append("\nsource: ").Append(Path.GetFileName(file));
            if (location.SourceLine > 0)
            {
                sb.Append(':').Append(location.SourceLine.ToString(CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
