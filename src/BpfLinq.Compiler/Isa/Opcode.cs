namespace BpfLinq.Compiler.Isa;

// The opcode byte of an instruction, as RFC 9669 §3 lays it out:
//
//   ALU / ALU64 / JMP / JMP32          LD / LDX / ST / STX
//   +-------+------+-------+           +------+------+-------+
//   | 4 op  | 1 s  | 3 cls |           | 3 md | 2 sz | 3 cls |
//   +-------+------+-------+           +------+------+-------+
//    7    4    3    2     0             7   5  4   3  2     0
//
// cls = InsnClass, op = AluOp / JmpOp, s = Source (K: immediate, X: register; for END it is the
// byte order), md = Mode, sz = Size.

/// <summary>The instruction class: the low three bits of the opcode.</summary>
public enum InsnClass : byte
{
    /// <summary>Non-standard loads: the 16-byte <c>ld_imm64</c> and the legacy LD_ABS/LD_IND.</summary>
    Ld = 0x00,
    /// <summary>Load from memory into a register.</summary>
    Ldx = 0x01,
    /// <summary>Store an immediate to memory.</summary>
    St = 0x02,
    /// <summary>Store a register to memory, and atomics.</summary>
    Stx = 0x03,
    /// <summary>32-bit arithmetic (results zero-extended to 64 bits).</summary>
    Alu = 0x04,
    /// <summary>64-bit jumps, calls and exit.</summary>
    Jmp = 0x05,
    /// <summary>32-bit jumps (compare the low halves).</summary>
    Jmp32 = 0x06,
    /// <summary>64-bit arithmetic.</summary>
    Alu64 = 0x07,
}

/// <summary>Arithmetic operation: bits 4–7 of an ALU or ALU64 opcode.</summary>
public enum AluOp : byte
{
    /// <summary><c>dst += src</c>.</summary>
    Add = 0x00,
    /// <summary><c>dst -= src</c>.</summary>
    Sub = 0x10,
    /// <summary><c>dst *= src</c>.</summary>
    Mul = 0x20,
    /// <summary><c>dst /= src</c> (unsigned; signed when the offset is 1). Division by zero gives 0.</summary>
    Div = 0x30,
    /// <summary><c>dst |= src</c>.</summary>
    Or = 0x40,
    /// <summary><c>dst &amp;= src</c>.</summary>
    And = 0x50,
    /// <summary><c>dst &lt;&lt;= src</c> (count masked to the width).</summary>
    Lsh = 0x60,
    /// <summary><c>dst &gt;&gt;= src</c>, logical (count masked to the width).</summary>
    Rsh = 0x70,
    /// <summary><c>dst = -dst</c>.</summary>
    Neg = 0x80,
    /// <summary><c>dst %= src</c> (unsigned; signed when the offset is 1). Modulo by zero leaves dst unchanged.</summary>
    Mod = 0x90,
    /// <summary><c>dst ^= src</c>.</summary>
    Xor = 0xa0,
    /// <summary><c>dst = src</c>; with offset 8, 16 or 32 and a register source, a sign-extending move.</summary>
    Mov = 0xb0,
    /// <summary><c>dst s&gt;&gt;= src</c>, arithmetic (count masked to the width).</summary>
    Arsh = 0xc0,
    /// <summary>Byte-order conversion; the immediate gives the width (16, 32 or 64).</summary>
    End = 0xd0,
}

/// <summary>Jump operation: bits 4–7 of a JMP or JMP32 opcode.</summary>
public enum JmpOp : byte
{
    /// <summary>Unconditional jump (<c>goto</c>; <c>gotol</c> in JMP32 with a 32-bit immediate target).</summary>
    Ja = 0x00,
    /// <summary><c>==</c>.</summary>
    Jeq = 0x10,
    /// <summary>Unsigned <c>&gt;</c>.</summary>
    Jgt = 0x20,
    /// <summary>Unsigned <c>&gt;=</c>.</summary>
    Jge = 0x30,
    /// <summary><c>dst &amp; src != 0</c>.</summary>
    Jset = 0x40,
    /// <summary><c>!=</c>.</summary>
    Jne = 0x50,
    /// <summary>Signed <c>&gt;</c>.</summary>
    Jsgt = 0x60,
    /// <summary>Signed <c>&gt;=</c>.</summary>
    Jsge = 0x70,
    /// <summary>Call a helper, a BPF-to-BPF function or a kfunc (see <see cref="CallKind"/>).</summary>
    Call = 0x80,
    /// <summary>Return from the program or function with <c>r0</c>.</summary>
    Exit = 0x90,
    /// <summary>Unsigned <c>&lt;</c>.</summary>
    Jlt = 0xa0,
    /// <summary>Unsigned <c>&lt;=</c>.</summary>
    Jle = 0xb0,
    /// <summary>Signed <c>&lt;</c>.</summary>
    Jslt = 0xc0,
    /// <summary>Signed <c>&lt;=</c>.</summary>
    Jsle = 0xd0,
    /// <summary>Conditional pseudo-jump; with source register 0 it is <c>may_goto</c>.</summary>
    Jcond = 0xe0,
}

/// <summary>Where the second operand of an ALU or jump instruction comes from: bit 3 of the opcode.</summary>
public enum Source : byte
{
    /// <summary>The 32-bit immediate (BPF_K).</summary>
    Imm = 0x00,
    /// <summary>The source register (BPF_X).</summary>
    Reg = 0x08,
}

/// <summary>Byte order of an END (byte swap) instruction: bit 3 of the opcode.</summary>
public enum ByteOrder : byte
{
    /// <summary>Convert to little-endian (BPF_TO_LE); on ALU64 this bit pattern means an unconditional bswap.</summary>
    ToLe = 0x00,
    /// <summary>Convert to big-endian (BPF_TO_BE).</summary>
    ToBe = 0x08,
}

/// <summary>Access width of a load or store: bits 3–4 of the opcode.</summary>
public enum Size : byte
{
    /// <summary>32 bits (BPF_W).</summary>
    Word = 0x00,
    /// <summary>16 bits (BPF_H).</summary>
    Half = 0x08,
    /// <summary>8 bits (BPF_B).</summary>
    Byte = 0x10,
    /// <summary>64 bits (BPF_DW).</summary>
    DWord = 0x18,
}

/// <summary>Addressing mode of a load or store: bits 5–7 of the opcode.</summary>
public enum Mode : byte
{
    /// <summary>64-bit immediate (<c>ld_imm64</c>, with <see cref="Size.DWord"/> only).</summary>
    Imm = 0x00,
    /// <summary>Legacy packet access at an absolute offset (LD_ABS).</summary>
    Abs = 0x20,
    /// <summary>Legacy packet access at a register-relative offset (LD_IND).</summary>
    Ind = 0x40,
    /// <summary>Regular memory access <c>*(size *)(reg + off)</c>.</summary>
    Mem = 0x60,
    /// <summary>Sign-extending load (LDX only).</summary>
    MemSx = 0x80,
    /// <summary>Atomic read-modify-write (STX only); the immediate is an <see cref="AtomicOp"/>.</summary>
    Atomic = 0xc0,
}

/// <summary>The operation of an atomic instruction, carried in its immediate.</summary>
[Flags]
#pragma warning disable CA1711 // "Fetch" is the ISA's own word for the flag
public enum AtomicOp
#pragma warning restore CA1711
{
    /// <summary><c>*addr += src</c>.</summary>
    Add = 0x00,
    /// <summary><c>*addr |= src</c>.</summary>
    Or = 0x40,
    /// <summary><c>*addr &amp;= src</c>.</summary>
    And = 0x50,
    /// <summary><c>*addr ^= src</c>.</summary>
    Xor = 0xa0,
    /// <summary>Flag: also return the old value in the source register.</summary>
    Fetch = 0x01,
    /// <summary>Exchange: <c>src = xchg(addr, src)</c>.</summary>
    Xchg = 0xe0 | Fetch,
    /// <summary>Compare and exchange: <c>r0 = cmpxchg(addr, r0, src)</c>.</summary>
    Cmpxchg = 0xf0 | Fetch,
    /// <summary>Load-acquire: <c>dst = load_acquire(src + off)</c> (Linux 6.15+).</summary>
    LoadAcquire = 0x100,
    /// <summary>Store-release: <c>store_release(dst + off, src)</c> (Linux 6.15+).</summary>
    StoreRelease = 0x110,
}

/// <summary>What a <c>call</c> instruction calls, carried in its source register field.</summary>
public enum CallKind : byte
{
    /// <summary>A kernel helper by id (<see cref="Helper"/>) in the immediate.</summary>
    Helper = 0,
    /// <summary>A BPF-to-BPF call (BPF_PSEUDO_CALL); the immediate is the relative target in slots.</summary>
    Local = 1,
    /// <summary>A kfunc (BPF_PSEUDO_KFUNC_CALL); the immediate is its BTF id, the offset the module BTF fd index.</summary>
    Kfunc = 2,
}

/// <summary>How the kernel interprets the immediate of an <c>ld_imm64</c>: its source register field.</summary>
public enum PseudoSource : byte
{
    /// <summary>A plain 64-bit constant.</summary>
    None = 0,
    /// <summary>BPF_PSEUDO_MAP_FD: the immediate is a map fd; the register gets the map pointer.</summary>
    MapFd = 1,
    /// <summary>BPF_PSEUDO_MAP_VALUE: map fd plus an offset into value 0 (second slot's immediate).</summary>
    MapValue = 2,
    /// <summary>BPF_PSEUDO_BTF_ID: a kernel variable by its vmlinux BTF id.</summary>
    BtfId = 3,
    /// <summary>BPF_PSEUDO_FUNC: the address of a subprogram, relative in slots (callbacks).</summary>
    Func = 4,
    /// <summary>BPF_PSEUDO_MAP_IDX: like <see cref="MapFd"/> but an index into <c>fd_array</c>.</summary>
    MapIdx = 5,
    /// <summary>BPF_PSEUDO_MAP_IDX_VALUE: like <see cref="MapValue"/> but an index into <c>fd_array</c>.</summary>
    MapIdxValue = 6,
}
