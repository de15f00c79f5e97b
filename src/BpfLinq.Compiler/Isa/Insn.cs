using System.Runtime.InteropServices;

namespace BpfLinq.Compiler.Isa;

/// <summary>
/// One 8-byte eBPF instruction slot, laid out exactly as the kernel's <c>struct bpf_insn</c>:
/// <c>u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm;</c> (little-endian). A 64-bit immediate
/// load occupies two consecutive slots.
/// </summary>
/// <remarks>
/// Build instructions with the static factories (<c>Insn.Mov(Reg.R0, 4)</c>, <c>Insn.Exit()</c>, ...);
/// the raw constructor takes any bit pattern, valid or not, so that tests and disassemblers can
/// represent malformed input too.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 1, Size = 8)]
public readonly partial struct Insn : IEquatable<Insn>
{
    private readonly byte _code;
    private readonly byte _regs;
    private readonly short _offset;
    private readonly int _imm;

    /// <summary>Size of one instruction slot in bytes.</summary>
    public const int SizeInBytes = 8;

    /// <summary>Creates an instruction from its raw fields.</summary>
    /// <param name="code">The opcode byte.</param>
    /// <param name="dst">Destination register (low nibble of the register byte).</param>
    /// <param name="src">Source register (high nibble of the register byte).</param>
    /// <param name="offset">The signed 16-bit offset.</param>
    /// <param name="imm">The signed 32-bit immediate.</param>
    public Insn(byte code, Reg dst, Reg src, short offset, int imm)
        : this(code, (byte)(((byte)src << 4) | ((byte)dst & 0x0f)), offset, imm)
    {
    }

    private Insn(byte code, byte regs, short offset, int imm)
    {
        _code = code;
        _regs = regs;
        _offset = offset;
        _imm = imm;
    }

    /// <summary>The opcode byte.</summary>
    public byte Code => _code;

    /// <summary>The destination register field (4 bits, may hold values above <see cref="Reg.R10"/> in malformed input).</summary>
    public Reg Dst => (Reg)(_regs & 0x0f);

    /// <summary>The source register field (4 bits); also the pseudo-source of calls and <c>ld_imm64</c>.</summary>
    public Reg Src => (Reg)(_regs >> 4);

    /// <summary>The signed 16-bit offset: a jump distance in slots, a memory displacement, or a modifier.</summary>
    public short Offset => _offset;

    /// <summary>The signed 32-bit immediate.</summary>
    public int Imm => _imm;

    /// <summary>The instruction class (low three bits of the opcode).</summary>
    public InsnClass Class => (InsnClass)(_code & 0x07);

    /// <summary>The ALU operation, meaningful for <see cref="InsnClass.Alu"/> and <see cref="InsnClass.Alu64"/>.</summary>
    public AluOp AluOp => (AluOp)(_code & 0xf0);

    /// <summary>The jump operation, meaningful for <see cref="InsnClass.Jmp"/> and <see cref="InsnClass.Jmp32"/>.</summary>
    public JmpOp JmpOp => (JmpOp)(_code & 0xf0);

    /// <summary>The operand source bit, meaningful for ALU and jump classes.</summary>
    public Source Source => (Source)(_code & 0x08);

    /// <summary>The access width, meaningful for load and store classes.</summary>
    public Size Size => (Size)(_code & 0x18);

    /// <summary>The addressing mode, meaningful for load and store classes.</summary>
    public Mode Mode => (Mode)(_code & 0xe0);

    /// <summary>Returns a copy with a different offset (used when resolving jump targets).</summary>
    public Insn WithOffset(short offset) => new(_code, _regs, offset, _imm);

    /// <summary>Returns a copy with a different immediate (used when patching fds, ids and call targets).</summary>
    public Insn WithImm(int imm) => new(_code, _regs, _offset, imm);

    /// <summary>Returns a copy with a different source register field (used for pseudo sources).</summary>
    public Insn WithSrc(Reg src) => new(_code, (byte)(((byte)src << 4) | (_regs & 0x0f)), _offset, _imm);

    /// <summary>The slot as the little-endian 64-bit number the kernel reads (opcode in the low byte).</summary>
    public ulong ToUInt64() =>
        _code | ((ulong)_regs << 8) | ((ulong)(ushort)_offset << 16) | ((ulong)(uint)_imm << 32);

    /// <summary>Reads a slot from its little-endian 64-bit form.</summary>
    public static Insn FromUInt64(ulong raw) =>
        new((byte)raw, (byte)(raw >> 8), (short)(ushort)(raw >> 16), (int)(uint)(raw >> 32));

    /// <inheritdoc/>
    public bool Equals(Insn other) => ToUInt64() == other.ToUInt64();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Insn other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ToUInt64().GetHashCode();

    /// <summary>Compares two slots bit for bit.</summary>
    public static bool operator ==(Insn left, Insn right) => left.Equals(right);

    /// <summary>Compares two slots bit for bit.</summary>
    public static bool operator !=(Insn left, Insn right) => !left.Equals(right);

    /// <summary>The raw fields, for debugging; use the disassembler for readable text.</summary>
    public override string ToString() =>
        $"{{code=0x{_code:x2} dst={(int)Dst} src={(int)Src} off={_offset} imm={_imm}}}";
}
