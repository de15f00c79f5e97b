using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Generation;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// The CLR's answer for a program: the lambda compiled as <c>Evaluate</c> compiles it
/// (<see cref="ManagedCompilation"/>: by <see cref="LambdaExpression.Compile()"/>, or interpreted when
/// it holds statements, which the CLR's compiler can get wrong),
/// run on the managed context the test-run model predicts, and mapped to what the program returns
/// (a verdict through <see cref="Verdict.ToReturnValue"/>). The full 64-bit value is returned; the
/// kernel reports its low 32 bits.
/// </summary>
internal sealed class ClrOracle
{
    private readonly Func<object, long> _evaluate;

    private ClrOracle(Func<object, long> evaluate) => _evaluate = evaluate;

    /// <summary>Compiles the program's lambda.</summary>
    public static ClrOracle Compile(GeneratedProgram program)
    {
        var kind = program.Kind;
        Func<object, long> evaluate = ManagedCompilation.Compile(program.Lambda) switch
        {
            Func<SkBuff, long> raw => context => raw((SkBuff)context),
            Func<XdpMd, long> raw => context => raw((XdpMd)context),
            Func<SkBuff, Verdict> filter => context => filter((SkBuff)context).ToReturnValue(kind),
            Func<XdpMd, Verdict> filter => context => filter((XdpMd)context).ToReturnValue(kind),
            var other => throw new ArgumentException($"a program is a Func<context, long or Verdict>, not {other.GetType()}", nameof(program)),
        };
        return new ClrOracle(evaluate);
    }

    /// <summary>The value the program returns on <paramref name="context"/> (exceptions the CLR throws propagate).</summary>
    public long Evaluate(object context) => _evaluate(context);
}
