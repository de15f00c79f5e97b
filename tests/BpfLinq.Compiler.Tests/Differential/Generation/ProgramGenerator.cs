using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Differential.Generation;

/// <summary>
/// Whole programs: a kind (socket filter, tc, cgroup_skb, XDP), a context parameter and a body of
/// one of the two top-level shapes — a verdict tree, or any integer-typed tree converted to long (the
/// raw form; not for cgroup_skb, whose verifier accepts only return values 0 and 1).
/// </summary>
internal static class ProgramGenerator
{
    /// <summary>FsCheck's generator: the seed comes from FsCheck, the depth grows with FsCheck's size.</summary>
    public static Gen<GeneratedProgram> Programs(GenerationSettings settings) =>
        Gen.Sized(size => Gen.Choose(0, int.MaxValue).Select(seed => Generate(new Random(seed), settings, DepthFor(size, settings))));

    /// <summary>The deepest tree for an FsCheck size (0–100): 2 at the start, the maximum from size 72 on.</summary>
    public static int DepthFor(int size, GenerationSettings settings) => Math.Clamp(2 + size / 12, 2, settings.MaxDepth);

    /// <summary>A program from <paramref name="random"/>, at most <paramref name="maxDepth"/> deep.</summary>
    public static GeneratedProgram Generate(Random random, GenerationSettings settings, int maxDepth, ProgramKind? kind = null)
    {
        var chosenKind = kind ?? (random.Next(10) switch
        {
            < 3 => ProgramKind.SocketFilter,
            < 6 => ProgramKind.Tc,
            < 8 => ProgramKind.CgroupSkb,
            _ => ProgramKind.Xdp,
        });
        var depth = random.Next(Math.Max(2, maxDepth - 3), maxDepth + 1);
        var builder = new ExpressionTreeBuilder(random, chosenKind, settings, unsupported: random.NextDouble() < settings.UnsupportedRate);
        var context = Context(chosenKind);
        var scope = TreeScope.Of(context);
        var verdict = chosenKind == ProgramKind.CgroupSkb || random.Next(20) < 9;
        if (verdict)
        {
            var body = builder.Build(typeof(Verdict), depth, scope);
            return new GeneratedProgram(chosenKind, Expression.Lambda(typeof(Func<,>).MakeGenericType(context.Type, typeof(Verdict)), body, context), builder.PlacedUnsupported);
        }
        var type = ScalarType.Integers[random.Next(ScalarType.Integers.Count)].Clr;
        var raw = CSharpOperators.To(builder.Build(type, depth, scope), typeof(long));
        return new GeneratedProgram(chosenKind, Expression.Lambda(typeof(Func<,>).MakeGenericType(context.Type, typeof(long)), raw, context), builder.PlacedUnsupported);
    }

    /// <summary>The lambda's parameter for a kind: <c>skb</c> (<see cref="SkBuff"/>) or <c>xdp</c> (<see cref="XdpMd"/>).</summary>
    public static ParameterExpression Context(ProgramKind kind) =>
        kind == ProgramKind.Xdp ? Expression.Parameter(typeof(XdpMd), "xdp") : Expression.Parameter(typeof(SkBuff), "skb");
}
