namespace BpfLinq.Compiler.Isa;

// The one place where builders turn fields into a slot, so that every builder rejects register
// numbers the kernel rejects (anything above r10) in the same words.
public readonly partial struct Insn
{
    private static Insn Make(InsnClass cls, byte opBits, Reg dst, Reg src, short offset, int imm) =>
        new((byte)((byte)cls | opBits), CheckReg(dst, nameof(dst)), CheckReg(src, nameof(src)), offset, imm);

    private static Reg CheckReg(Reg reg, string paramName) =>
        reg <= Reg.R10
            ? reg
            : throw new ArgumentOutOfRangeException(paramName, reg, "eBPF has registers r0 to r10");
}
