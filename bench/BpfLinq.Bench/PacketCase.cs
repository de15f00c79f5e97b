using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace BpfLinq.Bench;

/// <summary>
/// One packet filter of the report: its name (also its C twin's, clang/&lt;name&gt;.c), kind, the
/// frame its time is measured on, and the lambda behind two delegates — so that XDP and skb
/// lambdas sit in one list. <see cref="Compile"/> may throw <see cref="BpfCompileException"/>
/// (the report prints the code and goes on with clang's numbers); <see cref="Evaluate"/> is the
/// managed model of a test run on a frame, which both kernel builds must agree with.
/// <see cref="Latency"/> is how the latency command compiles it: the internal entry point on this
/// tree, and the public path on a fresh copy of it.
/// </summary>
internal sealed record PacketCase(
    string Name,
    ProgramKind Kind,
    string TimedOn,
    string LambdaText,
    Func<CompiledProgram> Compile,
    Func<byte[], long> Evaluate,
    LatencyCase Latency)
{
    /// <summary>An XDP filter.</summary>
    public static PacketCase Xdp(string name, string timedOn, Expression<Func<XdpMd, Verdict>> lambda,
        [CallerArgumentExpression(nameof(lambda))] string? source = null, [CallerFilePath] string? file = null, [CallerLineNumber] int line = 0) =>
        Of(name, ProgramKind.Xdp, timedOn, Bpf.Filter(lambda, source, file, line));

    /// <summary>A tc or socket-filter filter.</summary>
    public static PacketCase Skb(string name, ProgramKind kind, string timedOn, Expression<Func<SkBuff, Verdict>> lambda,
        [CallerArgumentExpression(nameof(lambda))] string? source = null, [CallerFilePath] string? file = null, [CallerLineNumber] int line = 0) =>
        Of(name, kind, timedOn, Bpf.Filter(lambda, source, file, line));

    /// <summary>A filter built from an expression tree (the source text is given, not captured).</summary>
    public static PacketCase Of<TContext>(string name, ProgramKind kind, string timedOn, BpfFilter<TContext> filter)
        where TContext : class =>
        new(name, kind, timedOn, filter.SourceText, () => filter.Compile(kind), frame => filter.EvaluateTestRun(frame, null, kind),
            LatencyCase.Of(name, kind, filter, () => Bpf.Filter((Expression<Func<TContext, Verdict>>)FreshTree.Copy(filter.Lambda), filter.SourceText, filter.SourceFile, filter.SourceLine)));
}
