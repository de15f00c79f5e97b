using System.Linq.Expressions;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// A generated program: the kind it is compiled for and the lambda — <c>Func&lt;SkBuff, Verdict&gt;</c>,
/// <c>Func&lt;SkBuff, long&gt;</c> or their <see cref="XdpMd"/> forms — and whether the generator placed an
/// unsupported node in it.
/// </summary>
internal sealed record GeneratedProgram(ProgramKind Kind, LambdaExpression Lambda, bool HasUnsupportedNode = false)
{
    /// <summary>True for the <c>cond ? Pass : Drop</c> shape, false for the raw integer shape.</summary>
    public bool ReturnsVerdict => Lambda.ReturnType == typeof(Verdict);

    /// <summary>The context parameter.</summary>
    public ParameterExpression Context => Lambda.Parameters[0];

    /// <summary>The lambda as C#-like text.</summary>
    public override string ToString() => $"{Kind}: {ExpressionText.Of(Lambda)}";
}
