using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Frontend.Semantics;

/// <summary>
/// A lambda over <see cref="SkBuff"/> and the program kind to compile it for, with its CLR meaning:
/// what <c>Evaluate</c> computes (<see cref="ManagedCompilation"/>: <c>Expression.Compile()</c>, or the
/// CLR's interpreter for trees with statements, whose block variables are scoped as in C#), widened to the i64 the program returns (a verdict
/// mapped to the kind's return value, an integer as <c>(long)</c> does, a bool as 0 or 1).
/// </summary>
internal sealed record SemanticCase(string Name, ProgramKind Kind, LambdaExpression Lambda)
{
    private readonly Lazy<Func<SkBuff, long>> _clr = new(() => Oracle(Lambda, Kind));

    /// <summary>The CLR's result for a context.</summary>
    public long Clr(SkBuff skb) => _clr.Value(skb);

    public override string ToString() => Name;

    private static Func<SkBuff, long> Oracle(LambdaExpression lambda, ProgramKind kind)
    {
        var compiled = ManagedCompilation.Compile(lambda);
        return skb => compiled.DynamicInvoke(skb) switch
        {
            Verdict v => v.ToReturnValue(kind),
            bool b => b ? 1 : 0,
            ulong u => unchecked((long)u),
            var x => Convert.ToInt64(x, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Collects cases under unique names.</summary>
internal sealed class SemanticCaseList : List<SemanticCase>
{
    public void Raw(string name, Expression<Func<SkBuff, long>> lambda, ProgramKind kind = ProgramKind.Tc) =>
        Add(new SemanticCase(name, kind, lambda));

    public void Filter(string name, Expression<Func<SkBuff, Verdict>> lambda, ProgramKind kind = ProgramKind.Tc) =>
        Add(new SemanticCase(name, kind, lambda));

    /// <summary>A hand-built body over the context parameter <c>skb</c>.</summary>
    public void Tree(string name, Func<ParameterExpression, Expression> body, ProgramKind kind = ProgramKind.Tc)
    {
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var b = body(skb);
        Add(new SemanticCase(name, kind, Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(SkBuff), b.Type), b, skb)));
    }
}
