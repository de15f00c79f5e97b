namespace BpfLinq.Compiler.Isa;

public static partial class Disassembler
{
    // JMP and JMP32. Field rules follow the verifier's check_jmp_fields (Linux 6.18):
    //   ja       K; src, dst zero; JMP: imm zero (goto +off); JMP32: off zero (gotol +imm)
    //   call     JMP, K, dst zero; src 0 helper, 1 local, 2 kfunc; off zero except for kfuncs
    //   exit     JMP, K, everything else zero
    //   jcond    JMP|K only; src 0 (may_goto), dst and imm zero
    //   others   K: src zero, X: imm zero
    private static bool TryWriteJump(ref InsnTextWriter writer, Insn insn)
    {
        var is32 = insn.Class == InsnClass.Jmp32;
        var byReg = insn.Source == Source.Reg;
        switch (insn.JmpOp)
        {
            case JmpOp.Ja:
                if (byReg || insn.Src != Reg.R0 || insn.Dst != Reg.R0 || (is32 ? insn.Offset != 0 : insn.Imm != 0))
                {
                    return false;
                }
                writer.Append(is32 ? "gotol " : "goto ");
                writer.Relative(is32 ? insn.Imm : insn.Offset);
                return true;

            case JmpOp.Call:
                return !is32 && !byReg && insn.Dst == Reg.R0 && TryWriteCall(ref writer, insn);

            case JmpOp.Exit:
                if (is32 || byReg || insn.Src != Reg.R0 || insn.Dst != Reg.R0 || insn.Offset != 0 || insn.Imm != 0)
                {
                    return false;
                }
                writer.Append("exit");
                return true;

            case JmpOp.Jcond:
                if (is32 || byReg || insn.Src != Reg.R0 || insn.Dst != Reg.R0 || insn.Imm != 0)
                {
                    return false;
                }
                writer.Append("may_goto ");
                writer.Relative(insn.Offset);
                return true;

            default:
                var op = AsmSyntax.JumpOperator(insn.JmpOp);
                if (op is null || (byReg ? insn.Imm != 0 : insn.Src != Reg.R0))
                {
                    return false;
                }
                writer.Append("if ");
                writer.Reg(insn.Dst, is32);
                writer.Append(' ');
                writer.Append(op);
                writer.Append(' ');
                WriteOperand(ref writer, insn, byReg, is32);
                writer.Append(" goto ");
                writer.Relative(insn.Offset);
                return true;
        }
    }

    private static bool TryWriteCall(ref InsnTextWriter writer, Insn insn)
    {
        switch (insn.CallKind)
        {
            case CallKind.Helper when insn.Offset == 0:
                writer.Append("call ");
                writer.SignedHex(insn.Imm);
                return true;

            case CallKind.Local when insn.Offset == 0:
                writer.Append("call pc");
                writer.Relative(insn.Imm);
                return true;

            case CallKind.Kfunc:
                writer.Append("call kfunc ");
                writer.SignedHex(insn.Imm);
                if (insn.Offset != 0)
                {
                    writer.Append(", ");
                    writer.SignedHex(insn.Offset);
                }
                return true;

            default:
                return false;
        }
    }
}
