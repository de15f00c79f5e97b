namespace BpfLinq.Compiler.Isa;

// Builders for the 16-byte ld_imm64 (opcode 0x18): the first slot carries the low 32 bits of the
// immediate, the second (opcode 0) the high 32 bits. The source register field says how the
// kernel reads the immediate (PseudoSource). Each returns both slots as an InsnPair, which
// spreads into a collection expression: [Insn.Mov(Reg.R6, Reg.R1), ..Insn.LdMapFd(Reg.R1, fd)].
public readonly partial struct Insn
{
    /// <summary><c>dst = imm ll</c>: a full 64-bit constant.</summary>
    public static InsnPair LdImm64(Reg dst, long imm) => Wide(dst, PseudoSource.None, (int)imm, (int)(imm >> 32));

    /// <summary><c>dst = map</c> by file descriptor (BPF_PSEUDO_MAP_FD): the kernel substitutes the map pointer.</summary>
    public static InsnPair LdMapFd(Reg dst, int fd) => Wide(dst, PseudoSource.MapFd, fd, 0);

    /// <summary>
    /// <c>dst = &amp;value + valueOffset</c> (BPF_PSEUDO_MAP_VALUE): the address of byte
    /// <paramref name="valueOffset"/> of the map's value 0 (array maps, e.g. global data).
    /// </summary>
    public static InsnPair LdMapValue(Reg dst, int fd, int valueOffset) => Wide(dst, PseudoSource.MapValue, fd, valueOffset);

    /// <summary><c>dst = map</c> by index into the load's fd_array (BPF_PSEUDO_MAP_IDX).</summary>
    public static InsnPair LdMapIdx(Reg dst, int index) => Wide(dst, PseudoSource.MapIdx, index, 0);

    /// <summary><c>dst = &amp;value + valueOffset</c> of the map at an fd_array index (BPF_PSEUDO_MAP_IDX_VALUE).</summary>
    public static InsnPair LdMapIdxValue(Reg dst, int index, int valueOffset) =>
        Wide(dst, PseudoSource.MapIdxValue, index, valueOffset);

    /// <summary>
    /// <c>dst = &amp;variable</c> of a kernel variable by BTF id (BPF_PSEUDO_BTF_ID);
    /// <paramref name="moduleBtfFd"/> names a module's BTF (0: vmlinux).
    /// </summary>
    public static InsnPair LdBtfId(Reg dst, int btfId, int moduleBtfFd = 0) => Wide(dst, PseudoSource.BtfId, btfId, moduleBtfFd);

    /// <summary>
    /// <c>dst = &amp;subprogram</c> (BPF_PSEUDO_FUNC): the callback argument of bpf_loop,
    /// bpf_for_each_map_elem and the like. As for calls, the target is this instruction's slot
    /// index + 1 + <paramref name="relativeSlots"/>, counted from the first slot (so the load's own
    /// second slot is distance 0).
    /// </summary>
    public static InsnPair LdFunc(Reg dst, int relativeSlots) => Wide(dst, PseudoSource.Func, relativeSlots, 0);

    private static InsnPair Wide(Reg dst, PseudoSource source, int low, int high) =>
        new(Make(InsnClass.Ld, (byte)Mode.Imm | (byte)Size.DWord, dst, (Reg)source, 0, low),
            new Insn(0, Reg.R0, Reg.R0, 0, high));
}
