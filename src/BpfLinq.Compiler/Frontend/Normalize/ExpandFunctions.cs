using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Replaces the calls of <see cref="BpfFunction"/>s chosen for inlining (<see cref="FunctionInlining.Always"/>,
/// or <see cref="FunctionInlining.Auto"/> with a small body) by an invocation of the body, which
/// <see cref="InlineInvocations"/> then inlines. The other calls stay, and lowering compiles them as
/// BPF-to-BPF calls of one subprogram per function.
/// </summary>
internal sealed class ExpandFunctions : ProvenanceVisitor
{
    private const int MaxDepth = 32;

    // The functions being expanded, outermost first, and the call in the user's tree that began it:
    // errors inside an expansion point there, since the bodies' nodes are not in the user's tree.
    private readonly List<BpfFunction> _active = [];
    private Expression? _site;

    private ExpandFunctions(DiagnosticContext context)
        : base(context)
    {
    }

    /// <summary>The lambda with inlined function calls expanded.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        (LambdaExpression)new ExpandFunctions(context).Visit(lambda)!;

    /// <summary>The function a call invokes, or null when it is not a <see cref="BpfFunction"/> call.</summary>
    public static BpfFunction? CalledFunction(MethodCallExpression node) =>
        node.Method.Name == "Invoke" && node.Object is ConstantExpression { Value: BpfFunction f } ? f : null;

    /// <summary>True when calls of <paramref name="function"/> are inlined.</summary>
    public static bool IsInlined(BpfFunction function) => function.Inlining switch
    {
        FunctionInlining.Always => true,
        FunctionInlining.Never => false,
        _ => NodeCounter.Count(function.Lambda.Body) <= BpfFunction.MaxAutoInlineNodes,
    };

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        if (CalledFunction(visited) is not { } function || !IsInlined(function))
        {
            return visited;
        }
        var site = _site ?? node;
        if (_active.IndexOf(function) is var first and >= 0)
        {
            throw Context.Error(site, CompileErrors.InliningRecursion(Cycle(_active.Skip(first).Select(f => f.Name), function.Name)));
        }
        if (_active.Count == MaxDepth)
        {
            throw Context.Error(site, CompileErrors.InliningTooDeep(MaxDepth, "BpfFunction calls"));
        }
        _site = site;
        _active.Add(function);
        // The body's own captured values fold, and its own function calls expand, before it is inlined.
        var body = (LambdaExpression)Visit(FoldCapturedConstants.Apply(function, Context))!;
        _active.RemoveAt(_active.Count - 1);
        _site = _active.Count == 0 ? null : _site;
        return Expression.Invoke(body, visited.Arguments);
    }

    /// <summary>"'f' calls itself", or "'f' calls itself through 'g' and 'h'" for a cycle of several.</summary>
    internal static string Cycle(IEnumerable<string> cycle, string name)
    {
        var through = cycle.Skip(1).Select(n => $"'{n}'").ToList();
        return through.Count == 0 ? $"'{name}' calls itself" : $"'{name}' calls itself through {string.Join(" and ", through)}";
    }

    private sealed class NodeCounter : ExpressionVisitor
    {
        private int _count;

        public static int Count(Expression node)
        {
            var counter = new NodeCounter();
            counter.Visit(node);
            return counter._count;
        }

        public override Expression? Visit(Expression? node)
        {
            _count += node is null ? 0 : 1;
            return base.Visit(node);
        }
    }
}
