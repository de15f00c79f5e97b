namespace BpfLinq.Compiler.Backend;

/// <summary>Options of <see cref="CodeGenerator"/>. Immutable; share freely between threads.</summary>
internal sealed record BackendOptions
{
    /// <summary>No checks, no trace.</summary>
    public static BackendOptions Default { get; } = new();

    /// <summary>
    /// Run <see cref="RegisterAllocation.AllocationChecker"/> on the result and throw an internal
    /// compiler error when it refutes the allocation. Tests turn it on for every function.
    /// </summary>
    public bool CheckAllocation { get; init; }

    /// <summary>Receives dumps of the machine code, the allocation and the listing, when set.</summary>
    public Action<string>? Trace { get; init; }
}
