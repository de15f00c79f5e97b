namespace BpfLinq.Compiler.Compilation.Steps;

/// <summary>What the phase wrapper (<see cref="StepRunner"/>) asks of a compilation besides the step itself.</summary>
internal interface IStepHooks
{
    /// <summary>Where dumps and traces go; nothing is written when null.</summary>
    Action<string>? Trace { get; }

    /// <summary>Who watches the steps, or null.</summary>
    ICompileObserver? Observer { get; }

    /// <summary>True when the state should be written to <see cref="Trace"/> after the step named <paramref name="step"/>.</summary>
    bool ShouldDump(string step);
}
