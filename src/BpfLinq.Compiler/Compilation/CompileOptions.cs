using BpfLinq.Compiler.Compilation.Steps;

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

    /// <summary>
    /// Step names of the compile order (comma-separated; <c>docs/compile-order.md</c> lists them) or <c>*</c>:
    /// write the state after those steps to <see cref="Trace"/> (the tree, the IR, the machine code or the program).
    /// </summary>
    public string? DumpAfter { get; init; }

    /// <summary>Where dumps and traces go.</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>Watches every step (the bench's phase timings, tests' failure injection).</summary>
    internal ICompileObserver? Observer { get; init; }
}
