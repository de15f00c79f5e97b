namespace BpfLinq.Compiler.Isa;

// Builders for loads and stores: LDX, ST, STX (MEM mode), sign-extending loads, and the legacy
// packet loads LD_ABS / LD_IND. The offset is a signed 16-bit byte displacement.
public readonly partial struct Insn
{
    /// <summary><c>dst = *(size *)(src + off)</c>, zero-extended.</summary>
    public static Insn Ldx(Size size, Reg dst, Reg src, short offset) =>
        Make(InsnClass.Ldx, (byte)((byte)Mode.Mem | CheckSize(size)), dst, src, offset, 0);

    /// <summary><c>dst = *(s8/s16/s32 *)(src + off)</c>, sign-extended to 64 bits (Linux 6.6+).</summary>
    /// <exception cref="ArgumentException"><paramref name="size"/> is <see cref="Size.DWord"/>: there is nothing to extend.</exception>
    public static Insn LdxSx(Size size, Reg dst, Reg src, short offset)
    {
        if (CheckSize(size) == (byte)Size.DWord)
        {
            throw new ArgumentException("a sign-extending load reads 8, 16 or 32 bits", nameof(size));
        }
        return Make(InsnClass.Ldx, (byte)((byte)Mode.MemSx | (byte)size), dst, src, offset, 0);
    }

    /// <summary><c>*(size *)(dst + off) = imm</c> (truncated to the size; sign-extended for <see cref="Size.DWord"/>).</summary>
    public static Insn St(Size size, Reg dst, short offset, int imm) =>
        Make(InsnClass.St, (byte)((byte)Mode.Mem | CheckSize(size)), dst, Reg.R0, offset, imm);

    /// <summary><c>*(size *)(dst + off) = src</c>.</summary>
    public static Insn Stx(Size size, Reg dst, short offset, Reg src) =>
        Make(InsnClass.Stx, (byte)((byte)Mode.Mem | CheckSize(size)), dst, src, offset, 0);

    /// <summary>
    /// Legacy packet load <c>r0 = ntoh(*(size *)(skb->data + imm))</c> (LD_ABS; socket filters and tc).
    /// Clobbers r1–r5 like a call and ends the program with 0 when out of bounds.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="size"/> is <see cref="Size.DWord"/>.</exception>
    public static Insn LdAbs(Size size, int imm) =>
        Make(InsnClass.Ld, (byte)((byte)Mode.Abs | CheckPacketSize(size)), Reg.R0, Reg.R0, 0, imm);

    /// <summary>Legacy packet load <c>r0 = ntoh(*(size *)(skb->data + src + imm))</c> (LD_IND).</summary>
    /// <exception cref="ArgumentException"><paramref name="size"/> is <see cref="Size.DWord"/>.</exception>
    public static Insn LdInd(Size size, Reg src, int imm) =>
        Make(InsnClass.Ld, (byte)((byte)Mode.Ind | CheckPacketSize(size)), Reg.R0, src, 0, imm);

    private static byte CheckSize(Size size) =>
        size is Size.Byte or Size.Half or Size.Word or Size.DWord
            ? (byte)size
            : throw new ArgumentException($"0x{(byte)size:x2} is not an access size", nameof(size));

    private static byte CheckPacketSize(Size size) =>
        CheckSize(size) != (byte)Size.DWord
            ? (byte)size
            : throw new ArgumentException("legacy packet loads read 8, 16 or 32 bits", nameof(size));
}
