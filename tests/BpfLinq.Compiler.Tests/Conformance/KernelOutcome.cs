namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>What the kernel did with one case: refused it at load, or ran it.</summary>
/// <param name="Refusal">The verifier's summary when the load was refused, else null.</param>
/// <param name="R0">The 64-bit r0 the wrapper stored in the result map (0 when refused).</param>
/// <param name="ReturnValue">The test run's 32-bit <c>retval</c> (0 when refused).</param>
internal readonly record struct KernelOutcome(string? Refusal, ulong R0, uint ReturnValue)
{
    /// <summary>True when the program loaded and ran.</summary>
    public bool Ran => Refusal is null;

    /// <summary>A load the verifier refused.</summary>
    public static KernelOutcome Refused(string summary) => new(summary, 0, 0);

    /// <summary>A load that ran, with the result map's value and the run's return value.</summary>
    public static KernelOutcome Returned(ulong r0, uint returnValue) => new(null, r0, returnValue);

    /// <inheritdoc/>
    public override string ToString() =>
        Ran ? $"r0 = 0x{R0:x} (retval 0x{ReturnValue:x})" : $"refused: {Refusal}";
}
