namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// The cases Linux 6.18 refuses at load, each with the text the verifier's summary must contain
/// and why (Data/README.md, "Results on this machine"). Every other case must load and return its
/// expected r0. This is the one place the list lives.
/// </summary>
internal static class ExpectedRefusals
{
    private const string InvalidShift =
        "invalid shift";
    private const string ShiftWhy =
        "a shift by an immediate outside 0..width-1; the ISA leaves it to the implementation, the verifier "
        + "rejects it (check_alu_op), while a register count is masked and loads";

    /// <summary>Case name, the verifier's reason, and why the kernel refuses it.</summary>
    public static IReadOnlyList<(string Case, string Reason, string Why)> All { get; } =
    [
        ("arsh32-imm-high", InvalidShift, ShiftWhy),
        ("arsh32-imm-neg", InvalidShift, ShiftWhy),
        ("arsh64-imm-high", InvalidShift, ShiftWhy),
        ("arsh64-imm-neg", InvalidShift, ShiftWhy),
        ("callx", "unknown opcode 8d", "callx (JMP|CALL|X) is a uBPF extension; Linux has no indirect call"),
        ("lsh32-imm-high", InvalidShift, ShiftWhy),
        ("lsh32-imm-neg", InvalidShift, ShiftWhy),
        ("lsh64-imm-high", InvalidShift, ShiftWhy),
        ("lsh64-imm-neg", InvalidShift, ShiftWhy),
        ("rsh32-imm-high", InvalidShift, ShiftWhy),
        ("rsh32-imm-neg", InvalidShift, ShiftWhy),
        ("rsh64-imm-high", InvalidShift, ShiftWhy),
        ("rsh64-imm-neg", InvalidShift, ShiftWhy),
    ];

    /// <summary>The reason the verifier must give for <paramref name="caseName"/>, or null when it must load.</summary>
    public static string? ReasonFor(string caseName)
    {
        foreach (var (name, reason, _) in All)
        {
            if (name == caseName)
            {
                return reason;
            }
        }
        return null;
    }
}
