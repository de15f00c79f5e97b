using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// The eBPF calling convention, as data: parameters and helper arguments in r1–r5, the result in
/// r0, r0–r5 clobbered by every call, r6–r9 preserved, r10 the read-only frame pointer. A program
/// receives its context in r1 and returns in r0.
/// </summary>
internal static class CallingConvention
{
    /// <summary>Most arguments a helper or subprogram takes.</summary>
    public const int MaxArguments = 5;

    /// <summary>The register holding call results and the return value.</summary>
    public const Reg Result = Reg.R0;

    /// <summary>Registers a call overwrites: r0 (the result) and r1–r5 (the arguments).</summary>
    public const int LastClobbered = 5;

    /// <summary>
    /// The order in which the allocator tries registers for a value with no preference: argument
    /// registers first (they die at calls anyway, keeping r6–r9 for values that live across calls),
    /// then the callee-saved ones, r0 last because results and the return value want it.
    /// </summary>
    public static ReadOnlySpan<Reg> AllocationOrder =>
        [Reg.R1, Reg.R2, Reg.R3, Reg.R4, Reg.R5, Reg.R6, Reg.R7, Reg.R8, Reg.R9, Reg.R0];

    /// <summary>The register of argument (or parameter) <paramref name="index"/> (0-based).</summary>
    public static Reg Argument(int index) =>
        index is >= 0 and < MaxArguments
            ? (Reg)(index + 1)
            : throw new ArgumentOutOfRangeException(nameof(index), index, "eBPF passes at most 5 arguments in registers");

    /// <summary>True for the registers a call overwrites.</summary>
    public static bool IsClobberedByCall(Reg reg) => (int)reg <= LastClobbered;
}
