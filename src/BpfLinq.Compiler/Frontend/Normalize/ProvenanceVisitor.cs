using System.Linq.Expressions;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// An <see cref="ExpressionVisitor"/> whose results keep the origin of the node they replace, so
/// diagnostics and the source map still point at what the user wrote after a rewrite.
/// </summary>
internal abstract class ProvenanceVisitor : ExpressionVisitor
{
    private protected ProvenanceVisitor(DiagnosticContext context) => Context = context;

    /// <summary>The diagnostics and provenance of the compilation.</summary>
    private protected DiagnosticContext Context { get; }

    /// <inheritdoc/>
    public override Expression? Visit(Expression? node)
    {
        // The base visitor reduces a dynamic node to an invocation of its call site's delegate,
        // which would be reported as a compiled delegate: name what the user wrote instead.
        if (node is { NodeType: ExpressionType.Dynamic })
        {
            throw Context.Error(node, Diagnostics.CompileErrors.UnsupportedExpression(ExpressionType.Dynamic));
        }
        var result = base.Visit(node);
        if (node is not null && result is not null && !ReferenceEquals(node, result))
        {
            Context.Provenance.Inherit(result, node);
        }
        return result;
    }
}
