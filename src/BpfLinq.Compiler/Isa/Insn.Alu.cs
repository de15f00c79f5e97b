namespace BpfLinq.Compiler.Isa;

// Builders for ALU (32-bit, suffix 32) and ALU64 instructions. An immediate operand is a signed
// 32-bit value that ALU64 sign-extends to 64 bits. The 32-bit forms zero the upper half of dst.
public readonly partial struct Insn
{
    /// <summary><c>dst op= imm</c> (64-bit) for a two-operand <see cref="AluOp"/> (Add through Arsh, Mov; not Neg or End).</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is Neg, End or undefined.</exception>
    public static Insn Alu(AluOp op, Reg dst, int imm) => AluImm(InsnClass.Alu64, op, dst, imm, 0);

    /// <summary><c>dst op= src</c> (64-bit) for a two-operand <see cref="AluOp"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is Neg, End or undefined.</exception>
    public static Insn Alu(AluOp op, Reg dst, Reg src) => AluReg(InsnClass.Alu64, op, dst, src, 0);

    /// <summary><c>wdst op= imm</c> (32-bit) for a two-operand <see cref="AluOp"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is Neg, End or undefined.</exception>
    public static Insn Alu32(AluOp op, Reg dst, int imm) => AluImm(InsnClass.Alu, op, dst, imm, 0);

    /// <summary><c>wdst op= wsrc</c> (32-bit) for a two-operand <see cref="AluOp"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is Neg, End or undefined.</exception>
    public static Insn Alu32(AluOp op, Reg dst, Reg src) => AluReg(InsnClass.Alu, op, dst, src, 0);

    /// <summary><c>dst = imm</c>, sign-extended to 64 bits.</summary>
    public static Insn Mov(Reg dst, int imm) => Alu(AluOp.Mov, dst, imm);

    /// <summary><c>dst = src</c>.</summary>
    public static Insn Mov(Reg dst, Reg src) => Alu(AluOp.Mov, dst, src);

    /// <summary><c>wdst = imm</c>; the upper 32 bits of dst become zero.</summary>
    public static Insn Mov32(Reg dst, int imm) => Alu32(AluOp.Mov, dst, imm);

    /// <summary><c>wdst = wsrc</c>; the upper 32 bits of dst become zero.</summary>
    public static Insn Mov32(Reg dst, Reg src) => Alu32(AluOp.Mov, dst, src);

    /// <summary><c>dst = (s8/s16/s32)src</c>: the low <paramref name="bits"/> of src, sign-extended to 64 bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 8, 16 or 32.</exception>
    public static Insn MovSx(Reg dst, Reg src, int bits)
    {
        if (bits is not (8 or 16 or 32))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "movsx sign-extends from 8, 16 or 32 bits");
        }
        return AluReg(InsnClass.Alu64, AluOp.Mov, dst, src, (short)bits);
    }

    /// <summary><c>wdst = (s8/s16)wsrc</c>: the low <paramref name="bits"/> of src, sign-extended to 32 bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 8 or 16.</exception>
    public static Insn MovSx32(Reg dst, Reg src, int bits)
    {
        if (bits is not (8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "movsx32 sign-extends from 8 or 16 bits");
        }
        return AluReg(InsnClass.Alu, AluOp.Mov, dst, src, (short)bits);
    }

    /// <summary>
    /// <c>dst = addr_space_cast(src, dstAddressSpace, srcAddressSpace)</c>: converts a pointer between
    /// address spaces (the kernel supports 0, the kernel's, and 1, a BPF arena).
    /// </summary>
    public static Insn AddrSpaceCast(Reg dst, Reg src, ushort dstAddressSpace, ushort srcAddressSpace) =>
        Make(InsnClass.Alu64, (byte)AluOp.Mov | (byte)Source.Reg, dst, src, 1, (dstAddressSpace << 16) | srcAddressSpace);

    /// <summary><c>dst += imm</c>.</summary>
    public static Insn Add(Reg dst, int imm) => Alu(AluOp.Add, dst, imm);
    /// <summary><c>dst += src</c>.</summary>
    public static Insn Add(Reg dst, Reg src) => Alu(AluOp.Add, dst, src);
    /// <summary><c>wdst += imm</c>.</summary>
    public static Insn Add32(Reg dst, int imm) => Alu32(AluOp.Add, dst, imm);
    /// <summary><c>wdst += wsrc</c>.</summary>
    public static Insn Add32(Reg dst, Reg src) => Alu32(AluOp.Add, dst, src);

    /// <summary><c>dst -= imm</c>.</summary>
    public static Insn Sub(Reg dst, int imm) => Alu(AluOp.Sub, dst, imm);
    /// <summary><c>dst -= src</c>.</summary>
    public static Insn Sub(Reg dst, Reg src) => Alu(AluOp.Sub, dst, src);
    /// <summary><c>wdst -= imm</c>.</summary>
    public static Insn Sub32(Reg dst, int imm) => Alu32(AluOp.Sub, dst, imm);
    /// <summary><c>wdst -= wsrc</c>.</summary>
    public static Insn Sub32(Reg dst, Reg src) => Alu32(AluOp.Sub, dst, src);

    /// <summary><c>dst *= imm</c>.</summary>
    public static Insn Mul(Reg dst, int imm) => Alu(AluOp.Mul, dst, imm);
    /// <summary><c>dst *= src</c>.</summary>
    public static Insn Mul(Reg dst, Reg src) => Alu(AluOp.Mul, dst, src);
    /// <summary><c>wdst *= imm</c>.</summary>
    public static Insn Mul32(Reg dst, int imm) => Alu32(AluOp.Mul, dst, imm);
    /// <summary><c>wdst *= wsrc</c>.</summary>
    public static Insn Mul32(Reg dst, Reg src) => Alu32(AluOp.Mul, dst, src);

    /// <summary><c>dst /= imm</c>, unsigned (the immediate is sign-extended first); a zero divisor gives 0.</summary>
    public static Insn Div(Reg dst, int imm) => Alu(AluOp.Div, dst, imm);
    /// <summary><c>dst /= src</c>, unsigned; a zero divisor gives 0.</summary>
    public static Insn Div(Reg dst, Reg src) => Alu(AluOp.Div, dst, src);
    /// <summary><c>wdst /= imm</c>, unsigned 32-bit.</summary>
    public static Insn Div32(Reg dst, int imm) => Alu32(AluOp.Div, dst, imm);
    /// <summary><c>wdst /= wsrc</c>, unsigned 32-bit.</summary>
    public static Insn Div32(Reg dst, Reg src) => Alu32(AluOp.Div, dst, src);

    /// <summary><c>dst s/= imm</c>, signed (offset 1).</summary>
    public static Insn SDiv(Reg dst, int imm) => AluImm(InsnClass.Alu64, AluOp.Div, dst, imm, 1);
    /// <summary><c>dst s/= src</c>, signed (offset 1).</summary>
    public static Insn SDiv(Reg dst, Reg src) => AluReg(InsnClass.Alu64, AluOp.Div, dst, src, 1);
    /// <summary><c>wdst s/= imm</c>, signed 32-bit (offset 1).</summary>
    public static Insn SDiv32(Reg dst, int imm) => AluImm(InsnClass.Alu, AluOp.Div, dst, imm, 1);
    /// <summary><c>wdst s/= wsrc</c>, signed 32-bit (offset 1).</summary>
    public static Insn SDiv32(Reg dst, Reg src) => AluReg(InsnClass.Alu, AluOp.Div, dst, src, 1);

    /// <summary><c>dst %= imm</c>, unsigned; a zero divisor leaves dst unchanged.</summary>
    public static Insn Mod(Reg dst, int imm) => Alu(AluOp.Mod, dst, imm);
    /// <summary><c>dst %= src</c>, unsigned; a zero divisor leaves dst unchanged.</summary>
    public static Insn Mod(Reg dst, Reg src) => Alu(AluOp.Mod, dst, src);
    /// <summary><c>wdst %= imm</c>, unsigned 32-bit.</summary>
    public static Insn Mod32(Reg dst, int imm) => Alu32(AluOp.Mod, dst, imm);
    /// <summary><c>wdst %= wsrc</c>, unsigned 32-bit.</summary>
    public static Insn Mod32(Reg dst, Reg src) => Alu32(AluOp.Mod, dst, src);

    /// <summary><c>dst s%= imm</c>, signed (offset 1).</summary>
    public static Insn SMod(Reg dst, int imm) => AluImm(InsnClass.Alu64, AluOp.Mod, dst, imm, 1);
    /// <summary><c>dst s%= src</c>, signed (offset 1).</summary>
    public static Insn SMod(Reg dst, Reg src) => AluReg(InsnClass.Alu64, AluOp.Mod, dst, src, 1);
    /// <summary><c>wdst s%= imm</c>, signed 32-bit (offset 1).</summary>
    public static Insn SMod32(Reg dst, int imm) => AluImm(InsnClass.Alu, AluOp.Mod, dst, imm, 1);
    /// <summary><c>wdst s%= wsrc</c>, signed 32-bit (offset 1).</summary>
    public static Insn SMod32(Reg dst, Reg src) => AluReg(InsnClass.Alu, AluOp.Mod, dst, src, 1);

    /// <summary><c>dst = -dst</c>.</summary>
    public static Insn Neg(Reg dst) => Make(InsnClass.Alu64, (byte)AluOp.Neg, dst, Reg.R0, 0, 0);
    /// <summary><c>wdst = -wdst</c>.</summary>
    public static Insn Neg32(Reg dst) => Make(InsnClass.Alu, (byte)AluOp.Neg, dst, Reg.R0, 0, 0);

    /// <summary><c>dst = to_be(dst)</c> over the low <paramref name="bits"/> (16, 32 or 64): a swap on little-endian hosts; upper bits are zeroed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 16, 32 or 64.</exception>
    public static Insn ToBe(Reg dst, int bits) => ByteSwap(InsnClass.Alu, ByteOrder.ToBe, dst, bits);

    /// <summary><c>dst = to_le(dst)</c> over the low <paramref name="bits"/> (16, 32 or 64): on little-endian hosts only zero-extends.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 16, 32 or 64.</exception>
    public static Insn ToLe(Reg dst, int bits) => ByteSwap(InsnClass.Alu, ByteOrder.ToLe, dst, bits);

    /// <summary><c>dst = bswap(dst)</c> over the low <paramref name="bits"/> (16, 32 or 64), unconditionally (ALU64, Linux 6.6+).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 16, 32 or 64.</exception>
    public static Insn Bswap(Reg dst, int bits) => ByteSwap(InsnClass.Alu64, ByteOrder.ToLe, dst, bits);

    private static Insn ByteSwap(InsnClass cls, ByteOrder order, Reg dst, int bits)
    {
        if (bits is not (16 or 32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "a byte swap covers 16, 32 or 64 bits");
        }
        return Make(cls, (byte)((byte)AluOp.End | (byte)order), dst, Reg.R0, 0, bits);
    }

    private static Insn AluImm(InsnClass cls, AluOp op, Reg dst, int imm, short offset) =>
        Make(cls, CheckBinary(op), dst, Reg.R0, offset, imm);

    private static Insn AluReg(InsnClass cls, AluOp op, Reg dst, Reg src, short offset) =>
        Make(cls, (byte)(CheckBinary(op) | (byte)Source.Reg), dst, src, offset, 0);

    private static byte CheckBinary(AluOp op) => op switch
    {
        AluOp.Neg => throw new ArgumentException("neg has no source operand; use Insn.Neg or Insn.Neg32", nameof(op)),
        AluOp.End => throw new ArgumentException("byte swaps are built with Insn.ToBe, Insn.ToLe or Insn.Bswap", nameof(op)),
        _ when AsmSyntax.AluOperator(op, signed: false) is null && op != AluOp.Mov =>
            throw new ArgumentException($"0x{(byte)op:x2} is not an ALU operation", nameof(op)),
        _ => (byte)op,
    };
}
