using BpfLinq.Compiler.Isa;

namespace BpfLinq.Runtime.Tests;

/// <summary>
/// The few raw encodings the older runtime tests use, built with <see cref="Insn"/>'s raw constructor
/// (written before the ISA builders were merged; new tests use <c>Insn.Mov</c>, <c>Insn.CallKfunc</c>...).
/// Opcode bytes are the kernel's: class | size/op | mode/source.
/// </summary>
internal static class Asm
{
    public static Insn Mov(Reg dst, int imm) => new(0xb7, dst, Reg.R0, 0, imm);            // ALU64 | MOV | K
    public static Insn Mov(Reg dst, Reg src) => new(0xbf, dst, src, 0, 0);                // ALU64 | MOV | X
    public static Insn Add(Reg dst, int imm) => new(0x07, dst, Reg.R0, 0, imm);           // ALU64 | ADD | K
    public static Insn LdxW(Reg dst, Reg src, short off) => new(0x61, dst, src, off, 0);  // LDX | MEM | W
    public static Insn LdxDw(Reg dst, Reg src, short off) => new(0x79, dst, src, off, 0); // LDX | MEM | DW
    public static Insn StxDw(Reg dst, Reg src, short off) => new(0x7b, dst, src, off, 0); // STX | MEM | DW
    public static Insn StxW(Reg dst, Reg src, short off) => new(0x63, dst, src, off, 0);  // STX | MEM | W
    public static Insn StDw(Reg dst, short off, int imm) => new(0x7a, dst, Reg.R0, off, imm); // ST | MEM | DW
    public static Insn StW(Reg dst, short off, int imm) => new(0x62, dst, Reg.R0, off, imm);  // ST | MEM | W
    public static Insn Ja(short off) => new(0x05, Reg.R0, Reg.R0, off, 0);                // JMP | JA
    public static Insn JeqImm(Reg dst, int imm, short off) => new(0x15, dst, Reg.R0, off, imm);
    public static Insn JneImm(Reg dst, int imm, short off) => new(0x55, dst, Reg.R0, off, imm);
    public static Insn JgtReg(Reg dst, Reg src, short off) => new(0x2d, dst, src, off, 0);
    public static Insn Call(Helper helper) => new(0x85, Reg.R0, Reg.R0, 0, (int)helper); // JMP | CALL, helper id
    public static Insn CallLocal(int relative) => new(0x85, Reg.R0, (Reg)1, 0, relative); // BPF_PSEUDO_CALL
    public static Insn Exit() => new(0x95, Reg.R0, Reg.R0, 0, 0);

    /// <summary>ld_imm64 of a map fd (BPF_PSEUDO_MAP_FD): two slots.</summary>
    public static Insn[] LoadMapFd(Reg dst, int fd) =>
        [new Insn(0x18, dst, (Reg)1, 0, fd), new Insn(0, Reg.R0, Reg.R0, 0, 0)];

    /// <summary>A program that returns <paramref name="value"/>.</summary>
    public static Insn[] Return(int value) => [Mov(Reg.R0, value), Exit()];
}
