using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BpfLinq.Compiler.Isa;

// Disassembler: instructions to the text of `llvm-objdump -d`.
//
// The dialect. For every instruction that llvm-objdump-19 -d (no --mcpu) prints unambiguously,
// our text is exactly its instruction text, the column after the raw bytes, without the
// symbolizer's suffix (" <.text+0x70>"). Registers are r0..r10, and w0..w10 for the 32-bit
// operands of ALU32, JMP32 and 32-bit atomics. Every number is hex, field by field as llvm
// prints it (settled against llvm-objdump-19 by LlvmAgreementTests):
//   immediates of ALU, jumps, stores, LD_ABS, helper calls   signed:      r1 += -0x10, call 0xc
//   memory displacements                                     sign as +/-: *(u64 *)(r10 - 0x8)
//   jump and call distances                                  always signed: goto +0x2, gotol -0x10
//   the 64-bit constant of ld_imm64                          signed 64-bit: r1 = -0x1 ll
//   ld_pseudo's source and immediate, addr_space_cast's      unsigned:    ld_pseudo r1, 0x1, 0xffffffff
//   address spaces
//
// Where llvm-objdump-19 is wrong or ambiguous we differ on purpose; the comparison tests
// (LlvmAgreementTests, with the exceptions spelled out in Llvm19Expectation) allow exactly these:
//  1. 32-bit atomics (opcode 0xc3). Without --mcpu=v3 llvm prints the fetch forms (imm | 0x01)
//     as the non-fetch "lock ... += r2", cannot decode or/and/xor/xchg/cmpxchg, and names the
//     register r2. We print what llvm-objdump-19 --mcpu=v3 prints for the whole opcode:
//     "lock *(u32 *)(r1 - 0x8) += w2", "w2 = atomic_fetch_add((u32 *)(r1 - 0x8), w2)",
//     "w2 = xchg32_32(r1 - 0x8, w2)", "w0 = cmpxchg32_32(r1 - 0x8, w0, w2)".
//  2. Calls. llvm prints helper calls (src 0), BPF-to-BPF calls (src 1) and kfunc calls (src 2)
//     all as "call 0x9". We print local calls as bpftool does, in hex: "call pc+0x9",
//     "call pc-0x3" (relative to the next slot, like jumps), and kfunc calls as
//     "call kfunc 0x4d2" (BTF id), or "call kfunc 0x4d2, 0x1" when the offset selects a
//     module BTF from fd_array.
//  3. Load-acquire / store-release (STX|ATOMIC, imm 0x100 / 0x110, Linux 6.15). llvm 19 prints
//     "<unknown>", or for 32/64 bits mistakes load-acquire for an atomic add (it ignores imm bit 8).
//     We print LLVM 21's syntax: "w0 = load_acquire((u8 *)(r1 + 0x0))",
//     "r0 = load_acquire((u64 *)(r1 + 0x0))", "store_release((u16 *)(r1 + 0x0), w2)",
//     "store_release((u64 *)(r1 + 0x0), r2)": w registers up to 32 bits, r for 64, exactly as
//     LLVM's own BPF MC tests expect llvm-objdump --mattr=+alu32 to print them. The loaded
//     register is dst and the address src + off; the stored register is src and the address
//     dst + off (kernel include/linux/filter.h, BPF_ATOMIC_OP comment).
//  4. ld_imm64 with a pseudo source. llvm prints "ld_pseudo\tr1, 0x2, 0x5": a tab after the
//     mnemonic (an artifact of its asm string) and nothing of the second slot's immediate (the
//     value offset of map-value loads, the module BTF fd of BTF-id loads). We print one space,
//     and a fourth operand when the second immediate is not zero: "ld_pseudo r1, 0x2, 0x5, 0x10".
//  5. LD_IND. llvm prints "r0 = *(u32 *)skb[r3]" and drops the immediate; we print
//     "skb[r3 + 0x4]" when it is not zero.
//  6. Malformed slots. llvm ignores many reserved fields, prints r11..r15 and the second slot of
//     an ld_imm64 whatever its other fields hold. We accept what Linux 6.18 accepts field by field
//     (check_insn_fields and the opcode table in the verifier; registers r0..r10; an ld_imm64's
//     second slot all zero but its immediate) and print anything else as ".8byte 0x<16 hex digits>",
//     the slot as the little-endian 64-bit number the kernel reads: explicit, never thrown, and read
//     back to the same bytes by our Assembler and by llvm-mc. Limits that are not about the encoding
//     (a zero divisor, a shift count, address spaces other than 0 and 1, unknown helper ids) are
//     the verifier's to reject; those print normally.
//
// Layout: this file holds the API and the dispatch on the class; Disassembler.Alu.cs,
// Disassembler.Jump.cs and Disassembler.Memory.cs each decode one family with a switch that
// rejects reserved-field violations before writing anything. Text is built in a stack buffer
// (InsnTextWriter): one string per instruction, nothing else allocated.

/// <summary>
/// Prints instructions in the syntax of <c>llvm-objdump -d</c> (see the comment at the top of
/// <c>Disassembler.cs</c> for the dialect and where it deliberately differs from llvm-objdump-19).
/// Never throws on malformed input: a slot that is not a well-formed instruction prints as
/// <c>.8byte 0x...</c>, which <see cref="Assembler"/> reads back to the same bytes.
/// </summary>
public static partial class Disassembler
{
    /// <summary>The text of one instruction, e.g. <c>r1 = *(u32 *)(r6 + 0x0)</c>.</summary>
    /// <param name="insn">The instruction, or the first slot of a 16-byte <c>ld_imm64</c>.</param>
    /// <param name="next">The second slot when <paramref name="insn"/> is an <c>ld_imm64</c> (opcode 0x18); ignored otherwise.</param>
    public static string Format(Insn insn, Insn next = default)
    {
        var writer = new InsnTextWriter(stackalloc char[InsnTextWriter.Capacity]);
        Write(ref writer, insn, next);
        return writer.ToString();
    }

    /// <summary>Formats a well-formed instruction; returns false (and no text) for one the kernel would reject as malformed.</summary>
    public static bool TryFormat(Insn insn, Insn next, [NotNullWhen(true)] out string? text)
    {
        var writer = new InsnTextWriter(stackalloc char[InsnTextWriter.Capacity]);
        text = TryWrite(ref writer, insn, next) ? writer.ToString() : null;
        return text is not null;
    }

    /// <summary>
    /// True when the slot (with <paramref name="next"/> as the second slot of an <c>ld_imm64</c>)
    /// is an instruction whose fields Linux 6.18 accepts: a defined opcode, registers r0–r10,
    /// reserved fields zero.
    /// </summary>
    public static bool IsWellFormed(Insn insn, Insn next = default)
    {
        var writer = new InsnTextWriter(stackalloc char[InsnTextWriter.Capacity]);
        return TryWrite(ref writer, insn, next);
    }

    /// <summary>
    /// One line per instruction; a well-formed 16-byte <c>ld_imm64</c> is one line for its two
    /// slots, anything malformed one <c>.8byte</c> line per slot.
    /// </summary>
    /// <param name="program">The instruction slots.</param>
    /// <param name="options">The index column (on by default) and helper-name comments.</param>
    public static string[] Disassemble(ReadOnlySpan<Insn> program, DisassemblyOptions options = DisassemblyOptions.IndexColumn)
    {
        var lines = new List<string>(program.Length);
        Span<char> buffer = stackalloc char[InsnTextWriter.Capacity];
        for (var index = 0; index < program.Length;)
        {
            var insn = program[index];
            var writer = new InsnTextWriter(buffer);
            var width = 1;
            if (insn.IsLoadImm64 && index + 1 < program.Length && TryWrite(ref writer, insn, program[index + 1]))
            {
                width = 2;
            }
            else if (insn.IsLoadImm64 || !TryWrite(ref writer, insn, default))
            {
                // A wide load without its second slot, or any malformed slot, shows as raw data.
                writer.Clear();
                WriteRaw(ref writer, insn);
            }
            lines.Add(Line(index, writer.Text, insn, options));
            index += width;
        }
        return [.. lines];
    }

    private static string Line(int index, ReadOnlySpan<char> text, Insn insn, DisassemblyOptions options)
    {
        var helperName = (options & DisassemblyOptions.HelperNames) != 0
            && insn.IsHelperCall
            && HelperNames.TryGetCName((Helper)insn.Imm, out var name) ? name : null;
        var indexed = (options & DisassemblyOptions.IndexColumn) != 0;
        return (indexed, helperName) switch
        {
            (false, null) => new string(text),
            (false, _) => string.Concat(text, "\t; ", helperName),
            (true, null) => string.Create(CultureInfo.InvariantCulture, $"{index,4}:\t{text}"),
            (true, _) => string.Create(CultureInfo.InvariantCulture, $"{index,4}:\t{text}\t; {helperName}"),
        };
    }

    private static void Write(ref InsnTextWriter writer, Insn insn, Insn next)
    {
        if (!TryWrite(ref writer, insn, next))
        {
            writer.Clear();
            WriteRaw(ref writer, insn);
        }
    }

    private static bool TryWrite(ref InsnTextWriter writer, Insn insn, Insn next)
    {
        // The verifier rejects any register number above r10 in either field, used or not.
        if (insn.Dst > Reg.R10 || insn.Src > Reg.R10)
        {
            return false;
        }
        return insn.Class switch
        {
            InsnClass.Alu or InsnClass.Alu64 => TryWriteAlu(ref writer, insn),
            InsnClass.Jmp or InsnClass.Jmp32 => TryWriteJump(ref writer, insn),
            InsnClass.Ld => TryWriteLoad(ref writer, insn, next),
            InsnClass.Ldx => TryWriteLoadFromMemory(ref writer, insn),
            InsnClass.St => TryWriteStoreImmediate(ref writer, insn),
            _ => TryWriteStoreRegister(ref writer, insn),
        };
    }

    private static void WriteRaw(ref InsnTextWriter writer, Insn insn)
    {
        writer.Append(".8byte 0x");
        Span<char> digits = stackalloc char[16];
        insn.ToUInt64().TryFormat(digits, out _, "x16", CultureInfo.InvariantCulture);
        writer.Append(digits);
    }
}
