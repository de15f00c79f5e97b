using System.Diagnostics;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Compilation.Steps;

/// <summary>
/// The phase wrapper every step runs in, front end to BTF. User errors
/// (<see cref="BpfCompileException"/>) and internal errors already naming a step pass through; any
/// other exception is a BpfLinq bug and becomes an <see cref="InternalCompilerError"/> naming the
/// step and the function, with the state printed. Afterwards the state is dumped to the trace when
/// <see cref="IStepHooks.ShouldDump"/> says so (printing changes nothing), and the observer hears
/// how long the step took.
/// </summary>
internal static class StepRunner
{
    /// <summary>Runs every step of <paramref name="steps"/> in order on <paramref name="state"/>.</summary>
    public static void RunAll<TState>(IReadOnlyList<CompileStep<TState>> steps, TState state, string function, IStepHooks hooks)
    {
        foreach (var step in steps)
        {
            Run(step, state, function, hooks);
        }
    }

    /// <summary>Runs <paramref name="step"/> on <paramref name="state"/> for <paramref name="function"/>.</summary>
    public static void Run<TState>(CompileStep<TState> step, TState state, string function, IStepHooks hooks) =>
        Run(step.Name, function, hooks, state, step.Run, step.Print);

    /// <summary>Runs <paramref name="run"/> as the step named <paramref name="name"/>; <paramref name="print"/> renders the state.</summary>
    public static void Run<TState>(string name, string function, IStepHooks hooks, TState state, Action<TState> run, Func<TState, string> print)
    {
        try
        {
            if (hooks.Observer is { } observer)
            {
                observer.Starting(name);
                var start = Stopwatch.GetTimestamp();
                run(state);
                observer.Finished(name, Stopwatch.GetElapsedTime(start));
            }
            else
            {
                run(state);
            }
        }
        catch (Exception e) when (e is not InternalCompilerError and not BpfCompileException and not OutOfMemoryException)
        {
            throw new InternalCompilerError(name, function, e.GetType().Name + ": " + e.Message, PrintAfterCrash(print, state));
        }
        if (hooks.ShouldDump(name))
        {
            hooks.Trace!($"> after {name}:\n{print(state)}");
        }
    }

    // The state may be half-transformed; a printer that trips over it must not hide the original error.
    private static string PrintAfterCrash<TState>(Func<TState, string> print, TState state)
    {
        try
        {
            return print(state);
        }
        catch (Exception printError) when (printError is not OutOfMemoryException)
        {
            return $"(the state could not be printed: {printError.GetType().Name})";
        }
    }
}
