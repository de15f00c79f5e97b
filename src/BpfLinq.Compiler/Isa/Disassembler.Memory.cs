namespace BpfLinq.Compiler.Isa;

public static partial class Disassembler
{
    // LD, LDX, ST, STX. Field rules follow the verifier (Linux 6.18): check_insn_fields, the
    // ld_imm64 checks of check_and_resolve_insns, check_atomic, and the opcode table
    // (bpf_opcode_in_insntable: no LDX|MEMSX|DW, no LD_ABS/LD_IND of DW).
    //   ld_imm64   off zero; second slot all zero but imm; src 0..6; map fd/idx: second imm zero
    //   ld_abs     dst, src, off zero               r0 = *(u32 *)skb[0xc]
    //   ld_ind     dst, off zero                    r0 = *(u32 *)skb[r3]
    //   ldx        MEM or MEMSX; imm zero            r1 = *(s16 *)(r2 - 0x8)
    //   st         MEM; src zero                     *(u64 *)(r10 - 0x8) = 0x0
    //   stx        MEM: imm zero; ATOMIC: imm an AtomicOp; read-modify-write ops W/DW only
    private static bool TryWriteLoad(ref InsnTextWriter writer, Insn insn, Insn next)
    {
        var mode = insn.Mode;
        if (mode == Mode.Imm)
        {
            return insn.Size == Size.DWord && TryWriteWideLoad(ref writer, insn, next);
        }
        if ((mode != Mode.Abs && mode != Mode.Ind) || insn.Size == Size.DWord || insn.Dst != Reg.R0 || insn.Offset != 0
            || (mode == Mode.Abs && insn.Src != Reg.R0))
        {
            return false;
        }
        writer.Append("r0 = *(");
        writer.Append(AsmSyntax.MemoryType(insn.Size, signed: false));
        writer.Append(" *)skb[");
        if (mode == Mode.Abs)
        {
            writer.SignedHex(insn.Imm);
        }
        else
        {
            writer.Reg(insn.Src);
            if (insn.Imm != 0)
            {
                // llvm-objdump drops this immediate; the kernel adds it to the register (difference 5).
                writer.Append(insn.Imm < 0 ? " - " : " + ");
                writer.Hex(insn.Imm < 0 ? (ulong)-(long)insn.Imm : (ulong)insn.Imm);
            }
        }
        writer.Append(']');
        return true;
    }

    private static bool TryWriteWideLoad(ref InsnTextWriter writer, Insn insn, Insn next)
    {
        if (insn.Offset != 0 || next.Code != 0 || next.Dst != Reg.R0 || next.Src != Reg.R0 || next.Offset != 0)
        {
            return false;
        }
        var source = insn.PseudoSource;
        if (source == PseudoSource.None)
        {
            writer.Reg(insn.Dst);
            writer.Append(" = ");
            writer.SignedHex((long)(((ulong)(uint)next.Imm << 32) | (uint)insn.Imm));
            writer.Append(" ll");
            return true;
        }
        if (source > PseudoSource.MapIdxValue
            || ((source == PseudoSource.MapFd || source == PseudoSource.MapIdx) && next.Imm != 0))
        {
            return false;
        }
        writer.Append("ld_pseudo ");
        writer.Reg(insn.Dst);
        writer.Append(", ");
        writer.Hex((uint)source);
        writer.Append(", ");
        writer.Hex((uint)insn.Imm);
        if (next.Imm != 0)
        {
            // llvm-objdump drops the second slot's immediate (difference 4).
            writer.Append(", ");
            writer.Hex((uint)next.Imm);
        }
        return true;
    }

    private static bool TryWriteLoadFromMemory(ref InsnTextWriter writer, Insn insn)
    {
        var signed = insn.Mode == Mode.MemSx;
        if ((insn.Mode != Mode.Mem && !signed) || (signed && insn.Size == Size.DWord) || insn.Imm != 0)
        {
            return false;
        }
        writer.Reg(insn.Dst);
        writer.Append(" = ");
        writer.Memory(insn.Size, signed, insn.Src, insn.Offset);
        return true;
    }

    private static bool TryWriteStoreImmediate(ref InsnTextWriter writer, Insn insn)
    {
        if (insn.Mode != Mode.Mem || insn.Src != Reg.R0)
        {
            return false;
        }
        writer.Memory(insn.Size, signed: false, insn.Dst, insn.Offset);
        writer.Append(" = ");
        writer.SignedHex(insn.Imm);
        return true;
    }

    private static bool TryWriteStoreRegister(ref InsnTextWriter writer, Insn insn)
    {
        if (insn.Mode == Mode.Atomic)
        {
            return TryWriteAtomic(ref writer, insn);
        }
        if (insn.Mode != Mode.Mem || insn.Imm != 0)
        {
            return false;
        }
        writer.Memory(insn.Size, signed: false, insn.Dst, insn.Offset);
        writer.Append(" = ");
        writer.Reg(insn.Src);
        return true;
    }

    private static bool TryWriteAtomic(ref InsnTextWriter writer, Insn insn)
    {
        var op = (AtomicOp)insn.Imm;
        var word = insn.Size != Size.DWord;
        switch (op)
        {
            case AtomicOp.LoadAcquire:
                writer.Reg(insn.Dst, word);
                writer.Append(" = load_acquire((");
                writer.Append(AsmSyntax.MemoryType(insn.Size, signed: false));
                writer.Append(" *)(");
                writer.Address(insn.Src, insn.Offset);
                writer.Append("))");
                return true;

            case AtomicOp.StoreRelease:
                writer.Append("store_release((");
                writer.Append(AsmSyntax.MemoryType(insn.Size, signed: false));
                writer.Append(" *)(");
                writer.Address(insn.Dst, insn.Offset);
                writer.Append("), ");
                writer.Reg(insn.Src, word);
                writer.Append(')');
                return true;
        }

        if (insn.Size is not (Size.Word or Size.DWord))
        {
            return false;
        }
        var suffix = word ? "32_32(" : "_64(";
        switch (op)
        {
            case AtomicOp.Add or AtomicOp.Or or AtomicOp.And or AtomicOp.Xor:
                writer.Append("lock ");
                writer.Memory(insn.Size, signed: false, insn.Dst, insn.Offset);
                writer.Append(' ');
                writer.Append(AsmSyntax.AtomicOperator(op));
                writer.Append(' ');
                writer.Reg(insn.Src, word);
                return true;

            case AtomicOp.Xchg:
                writer.Reg(insn.Src, word);
                writer.Append(" = xchg");
                writer.Append(suffix);
                writer.Address(insn.Dst, insn.Offset);
                writer.Append(", ");
                writer.Reg(insn.Src, word);
                writer.Append(')');
                return true;

            case AtomicOp.Cmpxchg:
                writer.Reg(Reg.R0, word);
                writer.Append(" = cmpxchg");
                writer.Append(suffix);
                writer.Address(insn.Dst, insn.Offset);
                writer.Append(", ");
                writer.Reg(Reg.R0, word);
                writer.Append(", ");
                writer.Reg(insn.Src, word);
                writer.Append(')');
                return true;
        }

        if (AsmSyntax.AtomicFetchFunction(op) is not { } function)
        {
            return false;
        }
        writer.Reg(insn.Src, word);
        writer.Append(" = ");
        writer.Append(function);
        writer.Append("((");
        writer.Append(AsmSyntax.MemoryType(insn.Size, signed: false));
        writer.Append(" *)(");
        writer.Address(insn.Dst, insn.Offset);
        writer.Append("), ");
        writer.Reg(insn.Src, word);
        writer.Append(')');
        return true;
    }
}
