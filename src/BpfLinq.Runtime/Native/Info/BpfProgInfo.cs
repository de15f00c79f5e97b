using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Info;

/// <summary><c>struct bpf_prog_info</c> up to <c>attach_btf_id</c>, filled by <c>BPF_OBJ_GET_INFO_BY_FD</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BpfProgInfo
{
    public uint Type;
    public uint Id;
    public fixed byte Tag[8];
    public uint JitedProgLen;
    public uint XlatedProgLen;
    public ulong JitedProgInsns;
    public ulong XlatedProgInsns;
    public ulong LoadTime;
    public uint CreatedByUid;
    public uint NrMapIds;
    public ulong MapIds;
    public fixed byte Name[16];
    public uint Ifindex;
    /// <summary>Bit 0 is <c>gpl_compatible</c>; the rest of the bitfield word is padding.</summary>
    public uint GplCompatible;
    public ulong NetnsDev;
    public ulong NetnsIno;
    public uint NrJitedKsyms;
    public uint NrJitedFuncLens;
    public ulong JitedKsyms;
    public ulong JitedFuncLens;
    public uint BtfId;
    public uint FuncInfoRecSize;
    public ulong FuncInfo;
    public uint NrFuncInfo;
    public uint NrLineInfo;
    public ulong LineInfo;
    public ulong JitedLineInfo;
    public uint NrJitedLineInfo;
    public uint LineInfoRecSize;
    public uint JitedLineInfoRecSize;
    public uint NrProgTags;
    public ulong ProgTags;
    public ulong RunTimeNs;
    public ulong RunCnt;
    public ulong RecursionMisses;
    public uint VerifiedInsns;
    public uint AttachBtfObjId;
    public uint AttachBtfId;
}
