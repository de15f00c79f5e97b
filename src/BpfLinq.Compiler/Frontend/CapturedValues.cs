using System.Linq.Expressions;
using System.Runtime.ExceptionServices;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Frontend.Normalize;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The captured values of one lambda (a <see cref="BpfFilter{TContext}"/>'s or a <see cref="BpfFunction"/>'s),
/// each read once: the first compile or evaluation that needs a captured variable reads it, and every
/// later compile of any kind and every <c>Evaluate</c> gets the value read then, so a variable changed
/// afterwards changes none of them. Reads are keyed by the node of the tree that reads them (the tree
/// is immutable, so the node names the read). A captured array of values is copied when read: its
/// elements are part of the snapshot too. A read that threw is remembered and throws again.
/// </summary>
internal sealed class CapturedValues
{
    private readonly Dictionary<Expression, (object? Value, ExceptionDispatchInfo? Error)> _reads = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();
    private readonly CapturedValues[] _inherited;

    /// <summary>A snapshot that first looks in <paramref name="inherited"/> (the parts of a composed filter).</summary>
    public CapturedValues(params CapturedValues[] inherited) => _inherited = inherited;

    /// <summary>The value read at <paramref name="node"/>: the one read before, or <paramref name="read"/>'s now.</summary>
    public object? Read(Expression node, Func<object?> read)
    {
        (object? Value, ExceptionDispatchInfo? Error) entry;
        lock (_lock)
        {
            if (!TryFind(node, out entry))
            {
                try
                {
                    entry = (Copy(read()), null);
                }
                catch (Exception e)
                {
                    entry = (null, ExceptionDispatchInfo.Capture(e));
                }
                _reads[node] = entry;
            }
        }
        entry.Error?.Throw();
        return entry.Value;
    }

    /// <summary>
    /// <paramref name="lambda"/> with its captured values, and those of the lambdas it captures, replaced
    /// by this snapshot's constants: the tree <c>Evaluate</c> runs. When a value cannot be read (the
    /// compiler reports that), the lambda is returned unchanged and .NET fails as it would. The walks
    /// run on a stack sized for the tree (<see cref="DeepStack"/>), as the compiler's do.
    /// </summary>
    public LambdaExpression Bind(LambdaExpression lambda, ProgramKind kind) =>
        DeepStack.Run(lambda, () => BindOnThisStack(lambda, kind));

    private LambdaExpression BindOnThisStack(LambdaExpression lambda, ProgramKind kind)
    {
        try
        {
            var context = new DiagnosticContext(lambda, kind, new LoweringOptions { Captured = this });
            return (LambdaExpression)new CapturedLambdas(context).Visit(FoldCapturedConstants.Apply(lambda, context))!;
        }
        catch (BpfCompileException)
        {
            return lambda;
        }
    }

    private bool TryFind(Expression node, out (object? Value, ExceptionDispatchInfo? Error) entry)
    {
        if (_reads.TryGetValue(node, out entry))
        {
            return true;
        }
        foreach (var parent in _inherited)
        {
            lock (parent._lock)
            {
                if (parent.TryFind(node, out entry))
                {
                    return true;
                }
            }
        }
        return false;
    }

    // An array of values is copied, so its elements cannot change under the program either.
    private static object? Copy(object? value) =>
        value is Array array && array.GetType().GetElementType()!.IsValueType ? array.Clone() : value;

    // A captured Expression<Func<...>> the lambda invokes gets its own captured values from the snapshot too.
    private sealed class CapturedLambdas(DiagnosticContext context) : ExpressionVisitor
    {
        private readonly HashSet<LambdaExpression> _binding = [];

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value is not LambdaExpression captured || !_binding.Add(captured))
            {
                return node; // not a lambda, or one that invokes itself (the compiler rejects it)
            }
            var bound = Visit(FoldCapturedConstants.ApplyTo(captured, context))!;
            _binding.Remove(captured);
            return Expression.Constant(bound, node.Type);
        }
    }
}
