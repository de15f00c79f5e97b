namespace BpfLinq.Compiler.Ir;

/// <summary>
/// IR operations. Semantics are eBPF's, so every operation is total: <c>x / 0 == 0</c>,
/// <c>x % 0 == x</c>, <c>MinValue / -1 == MinValue</c>, <c>MinValue % -1 == 0</c>, shift counts are
/// masked to the width. The front end rejects (or guards) C# operations whose CLR behaviour differs.
/// Properties of each op (arity, side effects, ...) are in <see cref="OpInfo"/>.
/// </summary>
internal enum Op : byte
{
    /// <summary><c>a + b</c> at the instruction's width.</summary>
    Add,
    /// <summary><c>a - b</c>.</summary>
    Sub,
    /// <summary><c>a * b</c> (low bits).</summary>
    Mul,
    /// <summary>Unsigned <c>a / b</c>; 0 when b is 0.</summary>
    UDiv,
    /// <summary>Signed <c>a / b</c>; 0 when b is 0; MinValue when a is MinValue and b is -1.</summary>
    SDiv,
    /// <summary>Unsigned <c>a % b</c>; a when b is 0.</summary>
    URem,
    /// <summary>Signed <c>a % b</c> (sign of the dividend); a when b is 0; 0 when b is -1.</summary>
    SRem,
    /// <summary><c>a &amp; b</c>.</summary>
    And,
    /// <summary><c>a | b</c>.</summary>
    Or,
    /// <summary><c>a ^ b</c>.</summary>
    Xor,
    /// <summary><c>a &lt;&lt; (b mod width)</c>.</summary>
    Shl,
    /// <summary>Logical <c>a &gt;&gt; (b mod width)</c>.</summary>
    LShr,
    /// <summary>Arithmetic <c>a &gt;&gt; (b mod width)</c>.</summary>
    AShr,
    /// <summary><c>-a</c>.</summary>
    Neg,
    /// <summary><c>~a</c>.</summary>
    Not,
    /// <summary>Zero-extends an i32 to i64.</summary>
    ZExt,
    /// <summary>Sign-extends an i32 to i64.</summary>
    SExt,
    /// <summary>Keeps the low 32 bits of an i64.</summary>
    Trunc,
    /// <summary>Sign-extends the low <see cref="Instr.Imm"/> bits (8, 16 or 32) within the same type.</summary>
    SExtIn,
    /// <summary>Reverses the bytes of the low <see cref="Instr.Imm"/> bits (16, 32 or 64), zero-extending.</summary>
    ByteSwap,
    /// <summary>Compares two values with <see cref="Instr.Cond"/>; the result is a <see cref="IrType.Bool"/>.</summary>
    Cmp,
    /// <summary>Pointer plus a scalar byte offset; the result keeps the pointer's type.</summary>
    PtrAdd,
    /// <summary>Loads <see cref="Instr.Size"/> bytes at pointer + <see cref="Instr.Imm"/> (sign-extending when <see cref="Instr.Signed"/>).</summary>
    Load,
    /// <summary>Stores the low <see cref="Instr.Size"/> bytes of a value at pointer + <see cref="Instr.Imm"/>.</summary>
    Store,
    /// <summary>Calls the kernel helper whose id is <see cref="Instr.Imm"/>; arguments are the operands (at most 5).</summary>
    Call,
    /// <summary>
    /// Reads <see cref="Instr.Size"/> bytes of packet at anchor + operand + <see cref="Instr.Imm"/>
    /// (<see cref="Instr.Anchor"/>) in memory order (little-endian), zero-extended; 0 when any byte
    /// lies outside the packet or the position is negative. Pure: the packet does not change while a
    /// filter runs. Expanded into checked direct accesses or helper calls by the packet-access pass.
    /// </summary>
    PacketLoad,
    /// <summary>
    /// 1 when all <see cref="Instr.Size"/> bytes at anchor + operand + <see cref="Instr.Imm"/> are in the
    /// packet, else 0 (an i32). Reads wider than 8 bytes (an IPv6 address) are "all or nothing" through it. Pure.
    /// </summary>
    PacketHas,
    /// <summary>
    /// The number of 802.1Q/802.1AD tags (at most <see cref="Instr.Imm"/>) after the Ethernet header
    /// at anchor + operand: the EtherType at +12 is a tag protocol, then the one 4 bytes on, and so on. Pure.
    /// </summary>
    VlanSkip,
    /// <summary>A stack buffer of <see cref="Instr.Imm"/> bytes, 8-byte aligned, its own for every instruction; the result points at it.</summary>
    StackSlot,
    /// <summary>The map <see cref="Instr.Imm"/> of the module's map table (an <c>ld_imm64</c> the loader patches with its fd); a <see cref="IrType.MapPtr"/>.</summary>
    MapRef,
    /// <summary>
    /// The address of byte <see cref="Instr.Size"/> of value 0 of map <see cref="Instr.Imm"/> (an <c>ld_imm64</c> with
    /// BPF_PSEUDO_MAP_VALUE): how read-only constants (strings) are addressed; a <see cref="IrType.MapValuePtr"/>.
    /// </summary>
    MapValueAddr,
    /// <summary>The address of function <see cref="Instr.Imm"/> of the module (BPF_PSEUDO_FUNC), a <c>bpf_loop</c> callback; an i64.</summary>
    FuncAddr,
    /// <summary>Calls kfunc <see cref="Instr.Imm"/> of the module's kfunc table (resolved to a BTF id at load); arguments are the operands.</summary>
    KfuncCall,
    /// <summary>Calls function <see cref="Instr.Imm"/> of the module (a BPF-to-BPF call); arguments are the operands.</summary>
    LocalCall,
    /// <summary>Atomically adds operand 1 to the <see cref="Instr.Size"/> (4 or 8) bytes at operand 0 + <see cref="Instr.Imm"/>.</summary>
    AtomicAdd,
    /// <summary>SSA join: one operand per incoming block (<see cref="Instr.PhiBlocks"/>).</summary>
    Phi,
    /// <summary>Unconditional jump to <c>Targets[0]</c>.</summary>
    Br,
    /// <summary>Jumps to <c>Targets[0]</c> when the bool operand is true, else to <c>Targets[1]</c>.</summary>
    CondBr,
    /// <summary>Returns the operand from the function.</summary>
    Ret,
}
