namespace BpfLinq.Compiler.Compilation.Steps;

/// <summary>The hooks of one compilation: the step names to dump after (<c>*</c> for all), the trace sink and the observer.</summary>
internal sealed class StepHooks(IReadOnlySet<string> dumpAfter, Action<string>? trace, ICompileObserver? observer) : IStepHooks
{
    /// <summary>No dumps, no trace, no observer.</summary>
    public static StepHooks None { get; } = new(new HashSet<string>(), null, null);

    /// <summary>The hooks <paramref name="options"/> ask for.</summary>
    public static StepHooks Of(CompileOptions options) =>
        options.DumpAfter is null && options.Trace is null && options.Observer is null
            ? None
            : new(ParseNames(options.DumpAfter), options.Trace, options.Observer);

    /// <summary>The step names after which the state is dumped.</summary>
    public IReadOnlySet<string> DumpAfter { get; } = dumpAfter;

    /// <inheritdoc/>
    public Action<string>? Trace { get; } = trace;

    /// <inheritdoc/>
    public ICompileObserver? Observer { get; } = observer;

    /// <inheritdoc/>
    public bool ShouldDump(string step) => ShouldDump(DumpAfter, Trace, step);

    /// <summary>True when <paramref name="names"/> select <paramref name="step"/> and there is a trace to write to.</summary>
    public static bool ShouldDump(IReadOnlySet<string> names, Action<string>? trace, string step) =>
        trace is not null && names.Count > 0 && (names.Contains("*") || names.Contains(step));

    /// <summary>Parses a <c>DumpAfter</c> option: step names separated by commas, or <c>*</c>.</summary>
    public static IReadOnlySet<string> ParseNames(string? names) =>
        (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
