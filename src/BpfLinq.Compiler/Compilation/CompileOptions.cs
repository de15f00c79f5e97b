namespace BpfLinq;

/// <summary>How to compile a lambda. Every option has a default; tests turn the checks on.</summary>
public sealed record CompileOptions
{
    /// <summary>Options with every default.</summary>
    public static CompileOptions Default { get; } = new();

    /// <summary>The program's name (at most 15 characters reach the kernel).</summary>
    public string Name { get; init; } = "filter";

    /// <summary>Run the IR verifier on the front end's output and after every pass (slower; tests always do).</summary>
    public bool VerifyIrAfterEachPass { get; init; }

    /// <summary>Check the register allocation symbolically (slower; tests always do).</summary>
    public bool CheckAllocation { get; init; }

    /// <summary>Pass names (comma-separated) or <c>*</c>: write the IR after those passes to <see cref="Trace"/>.</summary>
    public string? DumpAfter { get; init; }

    /// <summary>Where dumps and traces go.</summary>
    public Action<string>? Trace { get; init; }
}
