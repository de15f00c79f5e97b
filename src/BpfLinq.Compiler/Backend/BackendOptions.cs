using BpfLinq.Compiler.Compilation.Steps;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Backend;

/// <summary>Options of <see cref="CodeGenerator"/>. Immutable; share freely between threads.</summary>
internal sealed record BackendOptions
{
    /// <summary>No checks, no dumps.</summary>
    public static BackendOptions Default { get; } = new();

    /// <summary>
    /// Run <see cref="RegisterAllocation.AllocationChecker"/> on the result and throw an internal
    /// compiler error when it refutes the allocation. Tests turn it on for every function.
    /// </summary>
    public bool CheckAllocation { get; init; }

    /// <summary>The program's kind, lambda, file and line, for the user's errors the back end finds (a frame too large).</summary>
    public DiagnosticLocation Program { get; init; } = new(null, null, null, null, null, 0);

    /// <summary>Dumps after the steps asked for, and the observer of the steps.</summary>
    public IStepHooks Hooks { get; init; } = StepHooks.None;
}
