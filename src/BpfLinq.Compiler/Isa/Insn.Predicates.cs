namespace BpfLinq.Compiler.Isa;

// What an instruction is, asked of the slot itself (as cilium/ebpf's asm.Instruction answers
// IsBuiltinCall, IsFunctionCall, IsKfuncCall, IsLoadFromMap, ...), so no caller decodes the opcode
// byte and casts the source register field to a pseudo kind by hand.
public readonly partial struct Insn
{
    private const byte CallCode = (byte)InsnClass.Jmp | (byte)JmpOp.Call;
    private const byte ExitCode = (byte)InsnClass.Jmp | (byte)JmpOp.Exit;
    private const byte LoadImm64Code = (byte)InsnClass.Ld | (byte)Mode.Imm | (byte)Size.DWord;

    /// <summary>True for any <c>call</c> (JMP|CALL with an immediate): helper, local or kfunc.</summary>
    public bool IsCall => _code == CallCode;

    /// <summary>What a call calls (its source field). Meaningful when <see cref="IsCall"/>.</summary>
    public CallKind CallKind => (CallKind)(_regs >> 4);

    /// <summary>True for a call of a kernel helper by id (source field 0).</summary>
    public bool IsHelperCall => IsCallOf(CallKind.Helper);

    /// <summary>True for a BPF-to-BPF call (BPF_PSEUDO_CALL): the immediate is the target's distance in slots.</summary>
    public bool IsLocalCall => IsCallOf(CallKind.Local);

    /// <summary>True for a kfunc call (BPF_PSEUDO_KFUNC_CALL): the immediate is a BTF id.</summary>
    public bool IsKfuncCall => IsCallOf(CallKind.Kfunc);

    /// <summary>True for <c>exit</c>.</summary>
    public bool IsExit => _code == ExitCode;

    /// <summary>
    /// True for a jump within the function: <c>goto</c>, <c>gotol</c>, <c>may_goto</c> and the
    /// conditional jumps (not calls and not <c>exit</c>). Its distance is <see cref="JumpOffset"/>.
    /// </summary>
    public bool IsJump => Class is InsnClass.Jmp or InsnClass.Jmp32 && JmpOp is not (JmpOp.Call or JmpOp.Exit);

    /// <summary>
    /// A jump's distance in slots from the next slot: the immediate for <c>gotol</c> (JMP32|JA),
    /// the offset for every other jump. Meaningful when <see cref="IsJump"/>.
    /// </summary>
    public int JumpOffset => Class == InsnClass.Jmp32 && JmpOp == JmpOp.Ja ? _imm : _offset;

    /// <summary>True when this slot starts a 16-byte <c>ld_imm64</c> (opcode 0x18); the next slot holds the upper 32 bits.</summary>
    public bool IsLoadImm64 => _code == LoadImm64Code;

    /// <summary>How the kernel reads this <c>ld_imm64</c>'s immediate (its source field). Meaningful when <see cref="IsLoadImm64"/>.</summary>
    public PseudoSource PseudoSource => (PseudoSource)(_regs >> 4);

    /// <summary>True for an <c>ld_imm64</c> of a plain 64-bit constant.</summary>
    public bool IsConstantLoad => IsLoadImm64 && PseudoSource == PseudoSource.None;

    /// <summary>True for an <c>ld_imm64</c> of a map pointer, by fd (BPF_PSEUDO_MAP_FD) or fd_array index (BPF_PSEUDO_MAP_IDX).</summary>
    public bool IsMapReference => IsLoadImm64 && PseudoSource is PseudoSource.MapFd or PseudoSource.MapIdx;

    /// <summary>
    /// True for an <c>ld_imm64</c> of an address inside a map's value 0, by fd (BPF_PSEUDO_MAP_VALUE)
    /// or fd_array index (BPF_PSEUDO_MAP_IDX_VALUE): global and constant data.
    /// </summary>
    public bool IsMapValueReference => IsLoadImm64 && PseudoSource is PseudoSource.MapValue or PseudoSource.MapIdxValue;

    /// <summary>True for an <c>ld_imm64</c> of a subprogram's address (BPF_PSEUDO_FUNC), a callback argument.</summary>
    public bool IsFunctionReference => IsLoadImm64 && PseudoSource == PseudoSource.Func;

    private bool IsCallOf(CallKind kind) => IsCall && CallKind == kind;
}
