namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Operations of <see cref="MachineInstr"/>. Each is one eBPF instruction (or a copy the allocator
/// may erase), written three-address on virtual registers; the operand conventions are listed per
/// member. "Tied" means the eBPF form overwrites its first source (<c>dst op= src</c>): the
/// definition and <c>Uses[0]</c> want the same register, and the emitter copies first when the
/// allocator could not give them one.
/// </summary>
internal enum MachineOpcode : byte
{
    /// <summary><c>Defs[0] = Uses[0]</c>, all 64 bits; erased when both get the same register.</summary>
    Copy,
    /// <summary><c>Defs[0] = Imm</c>: the exact 64-bit pattern, encoded as the shortest of mov, mov32 and ld_imm64.</summary>
    MovImm,
    /// <summary><c>Defs[0] = Uses[0] AluOp (Uses[1] or Imm)</c>, ALU32 when <c>Is32</c>, signed div/mod when <c>IsSigned</c>. Tied.</summary>
    Alu,
    /// <summary><c>Defs[0] = -Uses[0]</c>. Tied.</summary>
    Neg,
    /// <summary><c>Defs[0] = bswap(Uses[0])</c> over <c>Bits</c> bits, zero-extended (<c>be16/be32/be64</c>). Tied.</summary>
    ByteSwap,
    /// <summary><c>Defs[0] = (sBits)Uses[0]</c>: sign-extending move, into 32 bits when <c>Is32</c> (movsx).</summary>
    MovSx,
    /// <summary><c>wDefs[0] = wUses[0]</c>: keeps the low 32 bits and zeroes the rest.</summary>
    Truncate,
    /// <summary><c>Defs[0] = *(Size *)(Uses[0] + Offset)</c>, sign-extending when <c>IsSigned</c>.</summary>
    Load,
    /// <summary><c>*(Size *)(Uses[0] + Offset) = (Uses[1] or Imm)</c>.</summary>
    Store,
    /// <summary><c>Defs[0] = r10 + Imm</c>: the address of a stack buffer (two instructions, <c>mov</c> and <c>add</c>).</summary>
    FrameAddress,
    /// <summary>
    /// Calls helper <c>Imm</c> (or the kfunc or function <c>Symbol</c>): uses r1..rN (<c>Uses</c>),
    /// defines r0 (<c>Defs</c>), clobbers r0–r5.
    /// </summary>
    Call,
    /// <summary>
    /// <c>Defs[0] = ld_imm64</c> of <c>Symbol</c>: a map, an address in a map's value (<c>Imm2</c> =
    /// byte offset), or a function's address; the immediate is filled in when the program is linked.
    /// </summary>
    LoadPseudo,
    /// <summary><c>lock *(Size *)(Uses[0] + Offset) += Uses[1]</c>.</summary>
    AtomicAdd,
    /// <summary>Jumps to <c>Targets[0]</c>, passing its arguments.</summary>
    Jump,
    /// <summary><c>if Uses[0] JmpOp (Uses[1] or Imm) goto Targets[0] else Targets[1]</c> (JMP32 when <c>Is32</c>).</summary>
    Branch,
    /// <summary>Returns r0 (<c>Uses[0]</c> is r0).</summary>
    Exit,
}
