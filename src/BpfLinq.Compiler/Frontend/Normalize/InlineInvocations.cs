using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Inlines every <c>Invoke</c> of a lambda: a lambda written in the tree, a quoted one, a captured
/// <c>Expression&lt;Func&lt;...&gt;&gt;</c> (folded to a constant by <see cref="FoldCapturedConstants"/>), and
/// <c>captured.Compile()(...)</c>, the way C# users invoke a captured expression. Arguments keep C#'s
/// evaluation (each exactly once, before the body): a constant, or a parameter the body never
/// assigns, is substituted; anything else is evaluated into a fresh block variable first. The nodes
/// of a captured lambda are given paths under the invocation's <c>Expression</c>, and its own captured
/// values are folded. Invoking a compiled delegate is an error: there is no tree to inline.
/// <code>
/// before: skb =&gt; value(Closure).isSmall.Compile()(skb) ? Pass : Drop     (isSmall: s =&gt; s.Len &lt; 64)
/// after:  skb =&gt; skb.Len &lt; 64u ? Pass : Drop
/// before: skb =&gt; ((int x) =&gt; x * x)((int)skb.Len)
/// after:  skb =&gt; { int x; x = (int)skb.Len; x * x }
/// </code>
/// </summary>
internal sealed class InlineInvocations : ProvenanceVisitor
{
    private const int MaxDepth = 64;

    // The lambdas being inlined, outermost first, and the invocation in the user's tree that began it.
    private readonly List<LambdaExpression> _active = [];
    private Expression? _site;

    private InlineInvocations(DiagnosticContext context)
        : base(context)
    {
    }

    /// <summary>The lambda with every invocation inlined.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) =>
        (LambdaExpression)new InlineInvocations(context).Visit(lambda)!;

    /// <inheritdoc/>
    protected override Expression VisitInvocation(InvocationExpression node)
    {
        var site = _site ?? node;
        var (target, identity) = ResolveLambda(node.Expression, node);
        var arguments = node.Arguments.Select(a => Visit(a)!).ToList();
        if (_active.Contains(identity))
        {
            throw Context.Error(site, CompileErrors.InliningRecursion("an invoked lambda invokes itself"));
        }
        if (_active.Count == MaxDepth)
        {
            throw Context.Error(site, CompileErrors.InliningTooDeep(MaxDepth, "invocations"));
        }
        var assigned = AssignedVariables.In(target.Body);
        var variables = new List<ParameterExpression>();
        var prologue = new List<Expression>();
        var substitutions = new Dictionary<ParameterExpression, Expression>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var parameter = target.Parameters[i];
            var argument = arguments[i];
            if (argument is ConstantExpression || (argument is ParameterExpression p && !assigned.Contains(parameter) && !assigned.Contains(p)))
            {
                substitutions[parameter] = argument;
                continue;
            }
            var variable = Expression.Variable(parameter.Type, parameter.Name);
            var assign = Expression.Assign(variable, argument);
            Context.Provenance.Inherit(assign, argument);
            variables.Add(variable);
            prologue.Add(assign);
            substitutions[parameter] = variable;
        }
        var body = new ParameterSubstitution(Context, substitutions).Visit(target.Body)!;
        Expression result = prologue.Count == 0 ? body : Expression.Block(body.Type, variables, [.. prologue, body]);
        Context.Provenance.Inherit(result, node);
        _site = site;
        _active.Add(identity);
        result = Visit(result)!; // the body may invoke further lambdas
        _active.RemoveAt(_active.Count - 1);
        _site = _active.Count == 0 ? null : _site;
        return result;
    }

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        // f.Invoke(x) on a delegate is the invocation f(x) written out; Bpf.Let(x, v => body) is (v => body)(x).
        var invocation = node switch
        {
            { Method.Name: "Invoke", Object: { } target } when typeof(Delegate).IsAssignableFrom(target.Type) => Expression.Invoke(target, node.Arguments),
            { Method.Name: nameof(Bpf.Let), Object: null } when node.Method.DeclaringType == typeof(Bpf) => Expression.Invoke(node.Arguments[^1], node.Arguments.SkipLast(1)),
            _ => null,
        };
        if (invocation is null)
        {
            return base.VisitMethodCall(node);
        }
        Context.Provenance.Inherit(invocation, node);
        return VisitInvocation(invocation);
    }

    // The lambda an invocation calls, with its nodes' paths and captured values in place, and the
    // lambda it was folded from (the same object each time a captured lambda is invoked).
    private (LambdaExpression Lambda, LambdaExpression Identity) ResolveLambda(Expression callee, InvocationExpression invocation)
    {
        var path = Context.Provenance.Find(invocation)?.Path.Child("Expression");
        switch (callee)
        {
            case LambdaExpression lambda:
                return (lambda, lambda);
            case UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression quoted }:
                return (quoted, quoted);
            case UnaryExpression { NodeType: ExpressionType.Convert, Method: null, Operand: var operand } when operand.Type == callee.Type:
                return ResolveLambda(operand, invocation); // ((Func<int, int>)(x => x + 1))(y): the cast is an identity

            case ConstantExpression { Value: LambdaExpression captured }:
                // A captured Expression<Func<...>>: its nodes are not in the user's tree.
                if (path is not null)
                {
                    Context.Provenance.AddTree(captured, path);
                }
                return ((LambdaExpression)FoldCapturedConstants.ApplyTo(captured, Context), captured);
            case MethodCallExpression { Method.Name: "Compile", Object: { } compiled } call
                when typeof(LambdaExpression).IsAssignableFrom(call.Method.DeclaringType):
                return ResolveLambda(compiled, invocation);
            default:
                throw Context.Error(callee, CompileErrors.InvocationNotInlinable(callee.Type));
        }
    }

    // Replaces a lambda's parameters by the arguments (or the variables holding them).
    private sealed class ParameterSubstitution(DiagnosticContext context, Dictionary<ParameterExpression, Expression> map)
        : ProvenanceVisitor(context)
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            map.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
