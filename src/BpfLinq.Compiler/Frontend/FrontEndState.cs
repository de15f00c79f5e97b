using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>What the front end's steps work on: the lambda as normalised so far, then the lowered module.</summary>
internal sealed class FrontEndState(LambdaExpression lambda, DiagnosticContext context, LoweringOptions options)
{
    /// <summary>The program lambda, rewritten by each normalisation step in turn.</summary>
    public LambdaExpression Lambda { get; set; } = lambda;

    /// <summary>Where the nodes came from, for errors and source references.</summary>
    public DiagnosticContext Context { get; } = context;

    /// <summary>
    /// The snapshot captured values are read from: the compilation's, or a <c>BpfFunction</c>'s own
    /// when its body is normalised for a subprogram.
    /// </summary>
    public CapturedValues? Captured { get; init; } = context.Captured;

    /// <summary>The lowering options.</summary>
    public LoweringOptions Options { get; } = options;

    /// <summary>The module, once lowered.</summary>
    public Module? Module { get; set; }

    /// <summary>The tree as C# (before lowering) or every function's IR (after).</summary>
    public string Print() =>
        Module is null ? CSharpRenderer.Render(Lambda) : string.Join("\n", Module.Functions.Select(IrPrinter.Print));
}
