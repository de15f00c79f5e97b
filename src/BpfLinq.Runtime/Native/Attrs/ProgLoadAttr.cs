using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>
/// The <c>BPF_PROG_LOAD</c> member of <c>union bpf_attr</c>, up to <c>log_true_size</c> (the kernel
/// writes the log size it needed there, so the struct must reach it).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ProgLoadAttr : ILogAttr
{
    public uint ProgType;
    public uint InsnCnt;
    public ulong Insns;
    public ulong License;
    public uint LogLevel;
    public uint LogSize;
    public ulong LogBuf;
    public uint KernVersion;
    public uint ProgFlags;
    public fixed byte ProgName[16];
    public uint ProgIfindex;
    public uint ExpectedAttachType;
    public uint ProgBtfFd;
    public uint FuncInfoRecSize;
    public ulong FuncInfo;
    public uint FuncInfoCnt;
    public uint LineInfoRecSize;
    public ulong LineInfo;
    public uint LineInfoCnt;
    public uint AttachBtfId;
    public uint AttachBtfObjFd;
    public uint CoreReloCnt;
    public ulong FdArray;
    public ulong CoreRelos;
    public uint CoreReloRecSize;
    public uint LogTrueSize;

    void ILogAttr.SetLog(ulong buffer, uint size, uint level)
    {
        LogBuf = buffer;
        LogSize = size;
        LogLevel = level;
    }

    readonly uint ILogAttr.LogTrueSize => LogTrueSize;
}
