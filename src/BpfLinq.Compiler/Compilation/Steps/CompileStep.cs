namespace BpfLinq.Compiler.Compilation.Steps;

/// <summary>A step of the compile order, as the printed table shows it.</summary>
internal interface ICompileStep
{
    /// <summary>The step's one name: dumps, <c>DumpAfter</c>, <c>.ir</c> test files, order constraints and timings use it.</summary>
    string Name { get; }

    /// <summary>When the step runs or what it contains, printed after the name; null when it always runs as is.</summary>
    string? Note { get; }
}

/// <summary>
/// A step that works on a <typeparamref name="TState"/> (the expression tree, an IR function, the
/// machine code of one function, the linked program) and can print it for dumps and crash reports.
/// Steps keep no state of their own: the table is shared by every compilation.
/// </summary>
internal sealed class CompileStep<TState>(string name, Action<TState> run, Func<TState, string> print, string? note = null) : ICompileStep
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public string? Note { get; } = note;

    /// <summary>Runs the step on a state.</summary>
    public Action<TState> Run { get; } = run;

    /// <summary>The state as text, for a dump after the step or a crash report.</summary>
    public Func<TState, string> Print { get; } = print;
}
