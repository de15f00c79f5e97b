using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// What every phase of the front end needs to point at the user's code: the <see cref="Provenance"/>
/// of the nodes, the program kind, and the lambda with its file and line. Turns a
/// <see cref="CompileError"/> into a placed <see cref="BpfCompileException"/>.
/// </summary>
internal sealed class DiagnosticContext
{
    private readonly Lazy<string> _lambdaText;
    private readonly LoweringOptions _options;

    public DiagnosticContext(LambdaExpression lambda, ProgramKind kind, LoweringOptions options)
    {
        Provenance = Provenance.Of(lambda);
        Kind = kind;
        _options = options;
        _lambdaText = new(() => options.SourceText ?? CSharpRenderer.Render(lambda)); // only errors need it
        RootOrigin = Provenance.Find(lambda)!;
    }

    /// <summary>The origins of the nodes.</summary>
    public Provenance Provenance { get; }

    /// <summary>The snapshot the lambda's captured values are read from, or null to read them now.</summary>
    public CapturedValues? Captured => _options.Captured;

    /// <summary>The options the compilation lowers with.</summary>
    public LoweringOptions Options => _options;

    /// <summary>The kind being compiled for.</summary>
    public ProgramKind Kind { get; }

    /// <summary>The origin of the root lambda: the fallback for nodes without one.</summary>
    public Origin RootOrigin { get; }

    /// <summary>The origin of a node, falling back to <paramref name="fallback"/> for nodes the normalisers made.</summary>
    public Origin OriginOf(Expression node, Origin fallback) => Provenance.Find(node) ?? fallback;

    /// <summary>The exception for <paramref name="error"/> at <paramref name="node"/>.</summary>
    public BpfCompileException Error(Expression node, CompileError error, Exception? innerException = null)
    {
        var origin = Provenance.Find(node);
        var location = new DiagnosticLocation(
            CSharpRenderer.Render(origin?.Node ?? node),
            origin?.Path.ToString(),
            Kind,
            _lambdaText.Value,
            _options.SourceFile,
            _options.SourceLine);
        return error.At(location, innerException);
    }
}
