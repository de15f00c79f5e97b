using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>
/// What LLVM 19 prints for one of our well-formed instructions, given our text: the explicit list
/// of documented differences (numbered as in the comment at the top of Disassembler.cs). Anything
/// not listed here must match llvm-objdump-19 -d exactly.
/// </summary>
/// <param name="ObjdumpText">llvm-objdump-19's text, or null when it cannot print the instruction (difference 3).</param>
/// <param name="UseMcpuV3">Compare with <c>llvm-objdump-19 -d --mcpu=v3</c> instead of the default (difference 1).</param>
/// <param name="LlvmMcEncodesBack">llvm-mc-19 turns <see cref="ObjdumpText"/> back into the same bytes (false where llvm's text loses fields).</param>
/// <param name="Difference">The number of the documented difference, or null for exact agreement.</param>
public readonly record struct Llvm19Expectation(string? ObjdumpText, bool UseMcpuV3, bool LlvmMcEncodesBack, int? Difference)
{
    public static Llvm19Expectation For(Insn insn, Insn next, string ours)
    {
        // (1) 32-bit read-modify-write atomics: llvm 19 prints them only with --mcpu=v3.
        if (insn.Class == InsnClass.Stx && insn.Mode == Mode.Atomic && insn.Imm is not (0x100 or 0x110))
        {
            return insn.Size == Size.Word ? new(ours, true, true, 1) : new(ours, false, true, null);
        }
        // (3) load-acquire / store-release: llvm 19 has no syntax for them.
        if (insn.Class == InsnClass.Stx && insn.Mode == Mode.Atomic)
        {
            return new(null, false, false, 3);
        }
        // (2) local and kfunc calls: llvm prints the bare immediate, as for helpers.
        if (insn.IsCall && !insn.IsHelperCall)
        {
            return new($"call {SignedHex(insn.Imm)}", false, false, 2);
        }
        // (4) ld_imm64 with a pseudo source: llvm prints a tab after the mnemonic and drops the second immediate.
        if (insn.IsLoadImm64 && !insn.IsConstantLoad)
        {
            var operands = ours["ld_pseudo ".Length..].Split(", ");
            return new($"ld_pseudo\t{string.Join(", ", operands.Take(3))}", false, next.Imm == 0, 4);
        }
        // (5) LD_IND: llvm drops the immediate.
        if (insn.Class == InsnClass.Ld && insn.Mode == Mode.Ind && insn.Imm != 0)
        {
            var type = insn.Size switch { Size.Word => "u32", Size.Half => "u16", _ => "u8" };
            return new($"r0 = *({type} *)skb[r{(int)insn.Src}]", false, false, 5);
        }
        // Not a difference of the text: llvm-mc-19 parses gotol's target as a 16-bit value, like goto's.
        if (insn.Code == 0x06 && insn.Imm is < short.MinValue or > short.MaxValue)
        {
            return new(ours, false, false, null);
        }
        return new(ours, false, true, null);
    }

    private static string SignedHex(long value) => value < 0 ? $"-0x{-value:x}" : $"0x{value:x}";
}
