namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// What each file of <c>negative/</c> is, and what our reader and the kernel must do with it
/// (Data/README.md: "examples of malformed input, not kernel cases"). Every file is in exactly one
/// group, which a test checks, so a new upstream file cannot go unnoticed.
/// </summary>
internal static class NegativeFiles
{
    /// <summary>Text our uBPF reader must reject, with the exact message (upstream's wording where it has one).</summary>
    public static TheoryData<string, string> AssemblerErrors { get; } = new()
    {
        { "invalid_imm32_dec_range", "Immediate out of range: 2147483648" },
        { "invalid_imm32_hex_range", "Immediate out of range: 0x100000000" },
        { "invalid_label", "Invalid label: NOT_A_LABEL" },
        { "invalid_lock", "Invalid number of operands for lock" },
        { "invalid_lock2", "Invalid number of operands for lock" },
        { "invalid_mnemonic", "Invalid mnemonic: ldxq" },
        { "invalid_offset", "Failed to decode register and offset: %r1" },
        { "invalid_offset_range", "Offset out of range: [%r1+0x10000]" },
        { "invalid_operand_count", "Invalid number of operands for mnemonic: lddw" },
        { "invalid_register", "Invalid register: %r50" },
    };

    /// <summary>A section header upstream does not know (<c>-- Unknown directive</c>): the parser skips the file.</summary>
    public static IReadOnlyList<string> Skipped { get; } = ["invalid_unknown_directive"];

    /// <summary>Files without a program: only comments, or only a result.</summary>
    public static IReadOnlyList<string> WithoutProgram { get; } = ["empty", "empty_instructions"];

    /// <summary><c>or %r0, %r10</c> reads r0 before anything writes it.</summary>
    public const string UninitialisedR0 = "error";

    /// <summary>An expected value wrong in bit 56 only, to check that comparisons cover all 64 bits.</summary>
    public const string WrongHighBits = "incorrect_return_value_high_bits";

    /// <summary>
    /// The <c>unused-*</c> files: one instruction with a reserved field set, then <c>exit</c>, as raw
    /// bytes. Returns the verifier's reason for refusing the file's program in <see cref="ConformanceHarness"/>.
    /// </summary>
    public static string KernelReason(string unusedFile) => unusedFile switch
    {
        // MOV64 X with offset 1 is no longer unused: since Linux 6.9 it is addr_space_cast (arena
        // pointers), here from address space 0 to 0, which the verifier refuses for its operands.
        "unused-mov64_reg-offset" => "addr_space_cast insn can only convert between address space 1 and 0",
        _ => Mnemonic(unusedFile) switch
        {
            "add_imm" or "add_reg" or "add64_imm" or "add64_reg" => "BPF_ALU uses reserved fields",
            "mov_imm" or "mov_reg" or "mov64_imm" or "mov64_reg" => "BPF_MOV uses reserved fields",
            "neg" or "neg64" => "BPF_NEG uses reserved fields",
            "be16" or "le16" => "BPF_END uses reserved fields",
            "call" => "BPF_CALL uses reserved fields",
            "ja" => "BPF_JA uses reserved fields",
            "ldxw" or "ldxdw" => "BPF_LDX uses reserved fields",
            "stw" or "stdw" => "BPF_ST uses reserved fields",
            "stxw" or "stxdw" => "BPF_STX uses reserved fields",
            // The CFG check runs before the field checks and still sees an exit: the file's own
            // exit behind it (slot 6 of the harness program) is unreachable.
            "exit" => "unreachable insn 6",
            // A conditional jump reads its dst register before checking its fields, and r0 is
            // uninitialised in these two-slot programs.
            "jeq_imm" or "jeq_reg" or "jgt_imm" or "jgt_reg" => "R0 !read_ok",
            _ => throw new ArgumentException($"not an unused-* file of the suite: {unusedFile}", nameof(unusedFile)),
        },
    };

    /// <summary>The instruction an <c>unused-*</c> file is about: <c>unused-add64_imm-offset</c> gives <c>add64_imm</c>.</summary>
    public static string Mnemonic(string unusedFile) => unusedFile["unused-".Length..unusedFile.LastIndexOf('-')];

    /// <summary>The <c>unused-*</c> files whose first slot is, field by field, an instruction Linux 6.18 accepts.</summary>
    public static IReadOnlyList<string> WellFormedUnused { get; } = ["unused-mov64_reg-offset"];

    /// <summary>The <c>unused-*</c> file names.</summary>
    public static IEnumerable<string> Unused => ConformanceSuite.NegativeNames.Where(name => name.StartsWith("unused-", StringComparison.Ordinal));
}
