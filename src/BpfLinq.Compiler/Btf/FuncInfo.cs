using System.Runtime.InteropServices;

namespace BpfLinq.Compiler.Btf;

/// <summary>
/// One <c>struct bpf_func_info</c> record: the instruction where a function (the main program or a
/// subprogram) starts and the BTF id of its <c>FUNC</c> type. The kernel requires one record per
/// function, in instruction order, whenever a program has BPF-to-BPF calls or callbacks and BTF.
/// </summary>
/// <param name="InsnOffset">Index of the function's first instruction slot.</param>
/// <param name="TypeId">BTF id of the function's <c>BTF_KIND_FUNC</c> type.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct FuncInfo(uint InsnOffset, uint TypeId)
{
    /// <summary>Size of the record in bytes, as passed in <c>func_info_rec_size</c>.</summary>
    public const int SizeInBytes = 8;
}
