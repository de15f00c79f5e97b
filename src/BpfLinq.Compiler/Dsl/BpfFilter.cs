using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq;

/// <summary>
/// A program written as a lambda over <typeparamref name="TContext"/> (made by <see cref="Bpf.Filter{TContext}"/>
/// or <see cref="Bpf.Program{TContext}"/>): the expression tree, its source text and location, and the
/// in-process evaluation that is the oracle the kernel build is tested against. Compiling, printing
/// and loading build on this object (the driver adds them in its own part of this partial class).
/// <para>
/// Captured values are read once: the first <see cref="Compile"/>, <see cref="Evaluate(TContext, ProgramKind?)"/> or load that
/// needs a captured variable reads it, and every kind compiled later and every evaluation use that
/// value, so all of them agree even when the variable changes afterwards (a captured array of values
/// is copied when read). To use new values, make a new filter with <see cref="Bpf.Filter{TContext}"/>.
/// A composed filter (<see cref="And"/>, <see cref="Or"/>, <see cref="Not"/>, <see cref="Where"/>) uses
/// the values its parts have read and reads the others at its own first use; a
/// <see cref="BpfFunction"/> keeps one snapshot of its own for every program that calls it.
/// </para>
/// </summary>
/// <typeparam name="TContext"><see cref="SkBuff"/> or <see cref="XdpMd"/>.</typeparam>
public sealed partial class BpfFilter<TContext>
    where TContext : class
{
    private readonly Lazy<Func<TContext, Verdict>>? _verdict;
    private readonly Lazy<Func<TContext, long>>? _raw;
    private readonly CapturedValues _captured;

    internal BpfFilter(Expression<Func<TContext, Verdict>> predicate, string? source, string? file, int line, params CapturedValues[] inherited)
        : this((LambdaExpression)predicate, source, file, line, inherited)
    {
        _verdict = new Lazy<Func<TContext, Verdict>>(() => ManagedCompilation.Compile(Bound(predicate)));
    }

    internal BpfFilter(Expression<Func<TContext, long>> program, string? source, string? file, int line)
        : this((LambdaExpression)program, source, file, line, [])
    {
        _raw = new Lazy<Func<TContext, long>>(() => ManagedCompilation.Compile(Bound(program)));
    }

    private BpfFilter(LambdaExpression lambda, string? source, string? file, int line, CapturedValues[] inherited)
    {
        _captured = new CapturedValues(inherited);
        DefaultKind = Bpf.DefaultKindOf(typeof(TContext));
        Lambda = lambda;
        SourceText = string.IsNullOrWhiteSpace(source) ? CSharpRenderer.Render(lambda) : source;
        SourceFile = string.IsNullOrEmpty(file) ? null : file;
        SourceLine = line;
    }

    /// <summary>The program's expression tree.</summary>
    public LambdaExpression Lambda { get; }

    /// <summary>The lambda as written (the caller's source text), or rendered as C# when the caller did not supply it.</summary>
    public string SourceText { get; }

    /// <summary>The file the lambda was written in, or null.</summary>
    public string? SourceFile { get; }

    /// <summary>The line the lambda was written on (0 when unknown).</summary>
    public int SourceLine { get; }

    /// <summary>The program kind used when none is given: <see cref="ProgramKind.SocketFilter"/> for <see cref="SkBuff"/>, <see cref="ProgramKind.Xdp"/> for <see cref="XdpMd"/>.</summary>
    public ProgramKind DefaultKind { get; }

    /// <summary>True for a <see cref="Bpf.Filter{TContext}"/> (returns a <see cref="Verdict"/>), false for a raw <see cref="Bpf.Program{TContext}"/>.</summary>
    public bool ReturnsVerdict => _verdict is not null;

    /// <summary>
    /// Runs the lambda in .NET (compiled once with <see cref="Expression{TDelegate}.Compile()"/> and
    /// cached, with the captured values of the filter's snapshot, the ones every compiled kind uses;
    /// hand-built trees holding statements run in the CLR's interpreter, which a CLR compiler bug
    /// makes the faithful choice for them, and so do trees of more than 5,000 nodes, which the JIT is
    /// slow on) and returns what a program of <paramref name="kind"/> returns: the verdict mapped with
    /// <see cref="Verdict.ToReturnValue"/>, or the raw integer.
    /// </summary>
    /// <param name="context">The context the program sees.</param>
    /// <param name="kind">The program kind; <see cref="DefaultKind"/> when null.</param>
    /// <exception cref="ArgumentException">The kind does not receive <typeparamref name="TContext"/>, or the verdict does not exist for it.</exception>
    /// <exception cref="DivideByZeroException">The lambda divides by zero in .NET (the compiler rejects such unguarded divisions).</exception>
    public long Evaluate(TContext context, ProgramKind? kind = null) => Run(context, kind ?? DefaultKind, null, nameof(kind));

    /// <summary>
    /// Runs the lambda in .NET as <see cref="Evaluate(TContext, ProgramKind?)"/> does, with
    /// <paramref name="options"/>: the program kind, and managed twins for the helpers called by id
    /// and the kfuncs the lambda calls (<see cref="Bpf.CallHelper"/>, <see cref="Bpf.CallKfunc"/>), which
    /// otherwise throw <see cref="NotSupportedException"/> in .NET.
    /// </summary>
    /// <param name="context">The context the program sees.</param>
    /// <param name="options">The kind and the twins.</param>
    /// <exception cref="ArgumentException">The kind does not receive <typeparamref name="TContext"/>, or the verdict does not exist for it.</exception>
    /// <exception cref="NotSupportedException">The lambda calls a helper by id or a kfunc that has no twin in <paramref name="options"/>.</exception>
    public long Evaluate(TContext context, EvaluateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Run(context, options.Kind ?? DefaultKind, options, nameof(options));
    }

    /// <summary>
    /// Runs the lambda in .NET on the context a <c>BPF_PROG_TEST_RUN</c> of the loaded program would
    /// see for <paramref name="frame"/> and <paramref name="ctxIn"/> (<see cref="TestRunContext"/>), and
    /// returns what that test run returns. The context's <c>Packet</c> is the frame as the kind sees it:
    /// offset 0 is the Ethernet header for tc and XDP, byte 14 (the IP header) for socket filters and
    /// cgroup_skb; a <c>Packet</c> set in <paramref name="ctxIn"/> is ignored.
    /// </summary>
    /// <param name="frame">The frame, from its Ethernet header.</param>
    /// <param name="ctxIn">The context passed in as <c>ctx_in</c>, or null for none.</param>
    /// <param name="kind">The program kind; <see cref="DefaultKind"/> when null.</param>
    /// <exception cref="ArgumentException">The kind has no test run for this context, or the kernel would refuse this input.</exception>
    public long EvaluateTestRun(ReadOnlySpan<byte> frame, TContext? ctxIn = null, ProgramKind? kind = null) =>
        RunTestRun(frame, ctxIn, kind ?? DefaultKind, null, nameof(kind));

    /// <summary>
    /// <see cref="EvaluateTestRun(ReadOnlySpan{byte}, TContext?, ProgramKind?)"/> with <paramref name="options"/>:
    /// the program kind and the managed twins of helpers called by id and of kfuncs (see <see cref="EvaluateOptions"/>).
    /// </summary>
    /// <param name="frame">The frame, from its Ethernet header.</param>
    /// <param name="ctxIn">The context passed in as <c>ctx_in</c>, or null for none.</param>
    /// <param name="options">The kind and the twins.</param>
    /// <exception cref="ArgumentException">The kind has no test run for this context, or the kernel would refuse this input.</exception>
    /// <exception cref="NotSupportedException">The lambda calls a helper by id or a kfunc that has no twin in <paramref name="options"/>.</exception>
    public long EvaluateTestRun(ReadOnlySpan<byte> frame, TContext? ctxIn, EvaluateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RunTestRun(frame, ctxIn, options.Kind ?? DefaultKind, options, nameof(options));
    }

    private long RunTestRun(ReadOnlySpan<byte> frame, TContext? ctxIn, ProgramKind k, EvaluateOptions? options, string kindParameter)
    {
        object context = ctxIn switch
        {
            XdpMd xdp => TestRunContext.ForXdp(frame, xdp),
            SkBuff skb => TestRunContext.ForSkb(k, frame, skb),
            _ when typeof(TContext) == typeof(XdpMd) => TestRunContext.ForXdp(frame),
            _ => TestRunContext.ForSkb(k, frame),
        };
        return Run((TContext)context, k, options, kindParameter);
    }

    private long Run(TContext context, ProgramKind k, EvaluateOptions? options, string kindParameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ContextTypes.Accepts(k, typeof(TContext)))
        {
            throw new ArgumentException($"a {k} program does not receive a {typeof(TContext).Name}", kindParameter);
        }
        return ManagedRun.As(k, options, () => _verdict is not null ? _verdict.Value(context).ToReturnValue(k) : _raw!.Value(context));
    }

    // The lambda with the snapshot's captured values in place of the variables: what Evaluate runs.
    private Expression<TDelegate> Bound<TDelegate>(Expression<TDelegate> lambda) => (Expression<TDelegate>)_captured.Bind(lambda, DefaultKind);

    /// <summary>The lambda's source text.</summary>
    public override string ToString() => SourceText;

    /// <summary>What the front end needs to name the program and place its diagnostics.</summary>
    internal LoweringOptions ToLoweringOptions(string name = "filter") =>
        new() { Name = name, SourceText = SourceText, SourceFile = SourceFile, SourceLine = SourceLine };
}
