namespace BpfLinq.Compiler.Isa;

// Builders for JMP and JMP32 (suffix 32): jumps, calls, exit. Jump offsets count slots from the
// instruction after the jump (offset 0 falls through); a 16-byte ld_imm64 counts as two slots.
public readonly partial struct Insn
{
    /// <summary><c>if dst op imm goto +off</c>, comparing all 64 bits (the immediate is sign-extended).</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is not a conditional jump.</exception>
    public static Insn Jmp(JmpOp op, Reg dst, int imm, short offset) =>
        Make(InsnClass.Jmp, CheckCondition(op), dst, Reg.R0, offset, imm);

    /// <summary><c>if dst op src goto +off</c>, comparing all 64 bits.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is not a conditional jump.</exception>
    public static Insn Jmp(JmpOp op, Reg dst, Reg src, short offset) =>
        Make(InsnClass.Jmp, (byte)(CheckCondition(op) | (byte)Source.Reg), dst, src, offset, 0);

    /// <summary><c>if wdst op imm goto +off</c>, comparing the low 32 bits.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is not a conditional jump.</exception>
    public static Insn Jmp32(JmpOp op, Reg dst, int imm, short offset) =>
        Make(InsnClass.Jmp32, CheckCondition(op), dst, Reg.R0, offset, imm);

    /// <summary><c>if wdst op wsrc goto +off</c>, comparing the low 32 bits.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is not a conditional jump.</exception>
    public static Insn Jmp32(JmpOp op, Reg dst, Reg src, short offset) =>
        Make(InsnClass.Jmp32, (byte)(CheckCondition(op) | (byte)Source.Reg), dst, src, offset, 0);

    /// <summary><c>goto +off</c>: an unconditional jump within ±32K slots.</summary>
    public static Insn Ja(short offset) => Make(InsnClass.Jmp, (byte)JmpOp.Ja, Reg.R0, Reg.R0, offset, 0);

    /// <summary><c>gotol +imm</c>: an unconditional jump with a 32-bit distance (JMP32|JA, Linux 6.6+).</summary>
    public static Insn Gotol(int offset) => Make(InsnClass.Jmp32, (byte)JmpOp.Ja, Reg.R0, Reg.R0, 0, offset);

    /// <summary>
    /// <c>may_goto +off</c> (JMP|JCOND, Linux 6.9+): falls through while the verifier-managed loop
    /// budget lasts, then jumps.
    /// </summary>
    public static Insn MayGoto(short offset) => Make(InsnClass.Jmp, (byte)JmpOp.Jcond, Reg.R0, Reg.R0, offset, 0);

    /// <summary><c>call</c> of a helper; its result arrives in r0, r1–r5 are clobbered.</summary>
    public static Insn Call(Helper helper) => CallHelper((int)helper);

    /// <summary><c>call</c> of a helper by raw id (for ids newer than <see cref="Helper"/>).</summary>
    public static Insn CallHelper(int id) => Make(InsnClass.Jmp, (byte)JmpOp.Call, Reg.R0, (Reg)CallKind.Helper, 0, id);

    /// <summary>A BPF-to-BPF call (BPF_PSEUDO_CALL) of the subprogram starting <paramref name="relativeSlots"/> after the next slot.</summary>
    public static Insn CallLocal(int relativeSlots) =>
        Make(InsnClass.Jmp, (byte)JmpOp.Call, Reg.R0, (Reg)CallKind.Local, 0, relativeSlots);

    /// <summary>
    /// A kfunc call (BPF_PSEUDO_KFUNC_CALL) by BTF id; <paramref name="moduleFdIndex"/> selects the
    /// module BTF in the load's fd_array (0: vmlinux).
    /// </summary>
    public static Insn CallKfunc(int btfId, short moduleFdIndex = 0) =>
        Make(InsnClass.Jmp, (byte)JmpOp.Call, Reg.R0, (Reg)CallKind.Kfunc, moduleFdIndex, btfId);

    /// <summary><c>exit</c>: return r0 from the program or subprogram.</summary>
    public static Insn Exit() => Make(InsnClass.Jmp, (byte)JmpOp.Exit, Reg.R0, Reg.R0, 0, 0);

    private static byte CheckCondition(JmpOp op) =>
        AsmSyntax.JumpOperator(op) is not null
            ? (byte)op
            : throw new ArgumentException(
                $"{op} is not a conditional jump; use Insn.Ja, Insn.Gotol, Insn.MayGoto, Insn.Call* or Insn.Exit", nameof(op));
}
