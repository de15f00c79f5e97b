using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Golden;

/// <summary>
/// One golden case: a name (<c>Area/Case</c>, also its file path), the program kind, and the lambda
/// as a <see cref="BpfFilter{TContext}"/> (so the source text, compilation and the CLR oracle come from
/// the product). Created through the factories, which capture the lambda's text as written.
/// </summary>
internal sealed record GoldenCase(string Name, ProgramKind Kind, object Filter, bool ReadsPackets = false)
{
    /// <summary>The inputs the case runs on: real frames for packet cases, the scalar set otherwise.</summary>
    public IReadOnlyList<(string Name, TestRunInput Input)> Inputs => ReadsPackets ? GoldenInputs.Packets : GoldenInputs.All;

    /// <summary>The filter's source text.</summary>
    public string SourceText => Filter switch
    {
        BpfFilter<SkBuff> f => f.SourceText,
        BpfFilter<XdpMd> f => f.SourceText,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Compiles the case with every check on.</summary>
    public CompiledProgram Compile() => Filter switch
    {
        BpfFilter<SkBuff> f => f.Compile(Kind, GoldenOptions),
        BpfFilter<XdpMd> f => f.Compile(Kind, GoldenOptions),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>What the CLR says the program returns for a context (low 32 bits, as the kernel reports).</summary>
    public uint Evaluate(object context) => Filter switch
    {
        BpfFilter<SkBuff> f => (uint)f.Evaluate((SkBuff)context, Kind),
        BpfFilter<XdpMd> f => (uint)f.Evaluate((XdpMd)context, Kind),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Options every golden compiles with: IR verified after each pass, allocation checked.</summary>
    public static CompileOptions GoldenOptions { get; } = new() { VerifyIrAfterEachPass = true, CheckAllocation = true };

    /// <summary>A verdict filter over a socket buffer.</summary>
    public static GoldenCase Skb(string name, ProgramKind kind, Expression<Func<SkBuff, Verdict>> predicate, [CallerArgumentExpression(nameof(predicate))] string source = "") =>
        new(name, kind, new BpfFilter<SkBuff>(predicate, source, null, 0));

    /// <summary>A raw-integer program over a socket buffer.</summary>
    public static GoldenCase SkbRaw(string name, ProgramKind kind, Expression<Func<SkBuff, long>> program, [CallerArgumentExpression(nameof(program))] string source = "") =>
        new(name, kind, new BpfFilter<SkBuff>(program, source, null, 0));

    /// <summary>A raw-integer program built as an expression tree (the source text is rendered from the tree).</summary>
    public static GoldenCase SkbTree(string name, ProgramKind kind, Expression<Func<SkBuff, long>> program) =>
        new(name, kind, new BpfFilter<SkBuff>(program, null, null, 0));

    /// <summary>A verdict filter over an XDP context.</summary>
    public static GoldenCase Xdp(string name, Expression<Func<XdpMd, Verdict>> predicate, [CallerArgumentExpression(nameof(predicate))] string source = "") =>
        new(name, ProgramKind.Xdp, new BpfFilter<XdpMd>(predicate, source, null, 0));

    /// <summary>A raw-integer program over an XDP context.</summary>
    public static GoldenCase XdpRaw(string name, Expression<Func<XdpMd, long>> program, [CallerArgumentExpression(nameof(program))] string source = "") =>
        new(name, ProgramKind.Xdp, new BpfFilter<XdpMd>(program, source, null, 0));

    /// <summary>A verdict filter over a socket buffer that reads the packet (runs on <see cref="GoldenInputs.Packets"/>).</summary>
    public static GoldenCase SkbPacket(string name, ProgramKind kind, Expression<Func<SkBuff, Verdict>> predicate, [CallerArgumentExpression(nameof(predicate))] string source = "") =>
        new(name, kind, new BpfFilter<SkBuff>(predicate, source, null, 0), ReadsPackets: true);

    /// <summary>A verdict filter over an XDP context that reads the packet.</summary>
    public static GoldenCase XdpPacket(string name, Expression<Func<XdpMd, Verdict>> predicate, [CallerArgumentExpression(nameof(predicate))] string source = "") =>
        new(name, ProgramKind.Xdp, new BpfFilter<XdpMd>(predicate, source, null, 0), ReadsPackets: true);

    /// <summary>A filter built by composition or a query (its source text is the composed one).</summary>
    public static GoldenCase Composed(string name, ProgramKind kind, BpfFilter<SkBuff> filter, bool readsPackets = false) =>
        new(name, kind, filter, readsPackets);

    /// <summary>The case's name (test-list display).</summary>
    public override string ToString() => Name;
}
