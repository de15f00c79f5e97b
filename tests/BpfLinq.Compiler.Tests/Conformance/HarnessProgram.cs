using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// The XDP program that runs one conformance case in the kernel, built with the product's
/// <see cref="Insn"/> builders (Data/README.md, "How a case runs in the Linux kernel"):
/// <code>
///   0: call pc+0x4                     the case, as a BPF-to-BPF subprogram at slot 5
///   1: r1 = &amp;result[0]                ld_imm64, BPF_PSEUDO_MAP_VALUE (two slots)
///   3: *(u64 *)(r1 + 0x0) = r0         all 64 bits of the case's r0
///   4: exit                            returns the low 32 bits as the XDP verdict
///   5: [prolog, only with -- mem]      r1 = packet data, r2 = its length, bounds-checked
///      the case's own slots
/// </code>
/// The wrapper and prolog are only prepended, so the case's relative jumps and calls keep their
/// meaning; its <c>exit</c> returns to slot 1 and its own <c>call local</c> targets become further
/// subprograms.
/// </summary>
internal static class HarnessProgram
{
    /// <summary>Slots before the case (or its prolog): the wrapper.</summary>
    public const int WrapperSlots = 5;

    /// <summary>Slots of the prolog that hands a <c>-- mem</c> case its memory.</summary>
    public const int PrologSlots = 9;

    private const short XdpMdData = ContextOffsets.XdpMdData;
    private const short XdpMdDataEnd = ContextOffsets.XdpMdDataEnd;

    /// <summary>The whole program: wrapper, the prolog when the case has memory, then the case.</summary>
    /// <param name="body">The case's instruction slots.</param>
    /// <param name="memoryLength">The number of <c>-- mem</c> bytes, or null for a case without memory.</param>
    /// <param name="resultMapFd">An array map (u32 key, u64 value, one entry) that receives r0.</param>
    public static Insn[] Build(ReadOnlySpan<Insn> body, int? memoryLength, int resultMapFd) =>
        [
            .. Wrapper(resultMapFd),
            .. memoryLength is { } length ? Prolog(length) : [],
            .. body,
        ];

    /// <summary>Calls slot 5 and stores its r0 in the first value of the result map.</summary>
    public static Insn[] Wrapper(int resultMapFd) =>
        [
            Insn.CallLocal(WrapperSlots - 1),
            .. Insn.LdMapValue(Reg.R1, resultMapFd, valueOffset: 0),
            Insn.Stx(Size.DWord, Reg.R1, 0, Reg.R0),
            Insn.Exit(),
        ];

    /// <summary>
    /// Turns the XDP context in r1 into the case's calling convention: r1 = the memory, r2 = its
    /// length. The bounds check is what lets the verifier accept packet reads up to
    /// <paramref name="length"/> bytes; a shorter packet returns -1 (it never is: the harness pads).
    /// </summary>
    public static Insn[] Prolog(int length) =>
        [
            Insn.Mov(Reg.R0, -1),
            Insn.Mov(Reg.R6, Reg.R1),
            Insn.Ldx(Size.Word, Reg.R1, Reg.R6, XdpMdData),
            Insn.Ldx(Size.Word, Reg.R2, Reg.R6, XdpMdDataEnd),
            Insn.Mov(Reg.R3, Reg.R1),
            Insn.Add(Reg.R3, length),
            Insn.Jmp(JmpOp.Jle, Reg.R3, Reg.R2, 1),
            Insn.Exit(),
            Insn.Mov(Reg.R2, length),
        ];
}
