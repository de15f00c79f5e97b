namespace BpfLinq.Compiler.Isa;

public static partial class Disassembler
{
    // ALU and ALU64. Field rules follow the verifier's check_alu_fields (Linux 6.18):
    //   neg      K only; src, off, imm zero                        r1 = -r1
    //   end      src, off zero; imm 16/32/64; ALU64 only TO_LE     r1 = be16 r1, r1 = bswap32 r1
    //   mov K    src, off zero                                     w1 = -0x1
    //   mov X    imm zero; off 0, or 8/16 (and 32 on ALU64)         r1 = r2, r1 = (s8)r2
    //            ALU64 off 1: addr_space_cast, imm = dst_as<<16|src_as
    //   others   K: src zero, X: imm zero; off 1 only for div/mod (signed)
    private static bool TryWriteAlu(ref InsnTextWriter writer, Insn insn)
    {
        var is64 = insn.Class == InsnClass.Alu64;
        var byReg = insn.Source == Source.Reg;
        switch (insn.AluOp)
        {
            case AluOp.Neg:
                if (byReg || insn.Src != Reg.R0 || insn.Offset != 0 || insn.Imm != 0)
                {
                    return false;
                }
                writer.Reg(insn.Dst, !is64);
                writer.Append(" = -");
                writer.Reg(insn.Dst, !is64);
                return true;

            case AluOp.End:
                if (insn.Src != Reg.R0 || insn.Offset != 0 || insn.Imm is not (16 or 32 or 64) || (is64 && byReg))
                {
                    return false;
                }
                // llvm names the register r even in the 32-bit class: the swap acts on the full register.
                writer.Reg(insn.Dst);
                writer.Append(" = ");
                writer.Append(AsmSyntax.ByteSwapName(insn.Class, (ByteOrder)insn.Source));
                writer.Append(insn.Imm == 16 ? "16 " : insn.Imm == 32 ? "32 " : "64 ");
                writer.Reg(insn.Dst);
                return true;

            case AluOp.Mov:
                return TryWriteMov(ref writer, insn, is64, byReg);

            default:
                var op = AsmSyntax.AluOperator(insn.AluOp, signed: insn.Offset == 1);
                if (op is null || (insn.Offset != 0 && insn.Offset != 1) || (byReg ? insn.Imm != 0 : insn.Src != Reg.R0))
                {
                    return false;
                }
                writer.Reg(insn.Dst, !is64);
                writer.Append(' ');
                writer.Append(op);
                writer.Append(' ');
                WriteOperand(ref writer, insn, byReg, !is64);
                return true;
        }
    }

    private static bool TryWriteMov(ref InsnTextWriter writer, Insn insn, bool is64, bool byReg)
    {
        if (!byReg)
        {
            if (insn.Src != Reg.R0 || insn.Offset != 0)
            {
                return false;
            }
            writer.Reg(insn.Dst, !is64);
            writer.Append(" = ");
            writer.SignedHex(insn.Imm);
            return true;
        }

        if (is64 && insn.Offset == 1)
        {
            writer.Reg(insn.Dst);
            writer.Append(" = addr_space_cast(");
            writer.Reg(insn.Src);
            writer.Append(", ");
            writer.Hex((uint)insn.Imm >> 16);
            writer.Append(", ");
            writer.Hex((uint)insn.Imm & 0xffff);
            writer.Append(')');
            return true;
        }

        if (insn.Imm != 0 || insn.Offset is not (0 or 8 or 16 or 32) || (!is64 && insn.Offset == 32))
        {
            return false;
        }
        writer.Reg(insn.Dst, !is64);
        writer.Append(" = ");
        switch (insn.Offset)
        {
            case 8:
                writer.Append("(s8)");
                break;
            case 16:
                writer.Append("(s16)");
                break;
            case 32:
                writer.Append("(s32)");
                break;
        }
        writer.Reg(insn.Src, !is64);
        return true;
    }

    private static void WriteOperand(ref InsnTextWriter writer, Insn insn, bool byReg, bool word)
    {
        if (byReg)
        {
            writer.Reg(insn.Src, word);
        }
        else
        {
            writer.SignedHex(insn.Imm);
        }
    }
}
