namespace BpfLinq.Compiler.Compilation.Steps;

/// <summary>
/// Watches the steps of a compilation (the bench's phase timings, the tests' failure injection).
/// Both calls run inside the step's phase wrapper, so what <see cref="Starting"/> throws is
/// reported as a crash of that step.
/// </summary>
internal interface ICompileObserver
{
    /// <summary>The step named <paramref name="step"/> is about to run.</summary>
    void Starting(string step);

    /// <summary>The step named <paramref name="step"/> finished after <paramref name="elapsed"/> (nested steps included).</summary>
    void Finished(string step, TimeSpan elapsed);
}
