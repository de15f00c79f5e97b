using System.Collections.Immutable;
using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// What a generated sub-expression may refer to: the context parameters (the lambda's, and those of
/// enclosing nested lambdas) and the variables in scope (Block variables, nested-lambda parameters,
/// loop counters and accumulators).
/// </summary>
internal sealed record TreeScope(ImmutableList<ParameterExpression> Contexts, ImmutableList<ParameterExpression> Variables)
{
    /// <summary>The scope of a lambda's body: its context parameter, no variables.</summary>
    public static TreeScope Of(ParameterExpression context) => new([context], []);

    /// <summary>This scope plus <paramref name="variables"/>.</summary>
    public TreeScope With(params IEnumerable<ParameterExpression> variables) => this with { Variables = Variables.AddRange(variables) };

    /// <summary>This scope plus another context parameter.</summary>
    public TreeScope WithContext(ParameterExpression context) => this with { Contexts = Contexts.Add(context) };

    /// <summary>The variables of <paramref name="type"/>.</summary>
    public IEnumerable<ParameterExpression> VariablesOf(Type type) => Variables.Where(v => v.Type == type);
}
