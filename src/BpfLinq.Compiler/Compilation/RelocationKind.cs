namespace BpfLinq;

/// <summary>
/// What a <see cref="Relocation"/> refers to, and so how its instruction's immediate is filled in.
/// The compiler resolves every kind but <see cref="KfuncCall"/>, whose BTF id only the running
/// kernel knows.
/// </summary>
public enum RelocationKind : byte
{
    /// <summary>
    /// A BPF-to-BPF call (<c>call pc+N</c>, BPF_PSEUDO_CALL) of <see cref="CompiledProgram.Functions"/>[Symbol]:
    /// the immediate is the distance in slots from the next slot to the function's start.
    /// </summary>
    LocalCall,

    /// <summary>
    /// The address of <see cref="CompiledProgram.Functions"/>[Symbol] (<c>ld_imm64</c>, BPF_PSEUDO_FUNC),
    /// a callback argument: the immediate is the distance in slots, as for <see cref="LocalCall"/>.
    /// </summary>
    FunctionAddress,

    /// <summary>
    /// A call of <see cref="CompiledProgram.Kfuncs"/>[Symbol] (BPF_PSEUDO_KFUNC_CALL): the compiled
    /// immediate is that index; a loader replaces it with the kfunc's BTF id in the running kernel.
    /// </summary>
    KfuncCall,

    /// <summary>
    /// A pointer to <see cref="CompiledProgram.Maps"/>[Symbol] (<c>ld_imm64</c>, BPF_PSEUDO_MAP_IDX):
    /// the immediate is that index, which the kernel reads in the load's fd_array.
    /// </summary>
    Map,

    /// <summary>
    /// An address inside value 0 of <see cref="CompiledProgram.Maps"/>[Symbol] (<c>ld_imm64</c>,
    /// BPF_PSEUDO_MAP_IDX_VALUE), e.g. constant data: the immediate is the fd_array index, the second
    /// slot's immediate the byte offset.
    /// </summary>
    MapValue,
}
