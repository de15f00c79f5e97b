using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>The <c>BPF_BTF_LOAD</c> member of <c>union bpf_attr</c>, up to <c>btf_log_true_size</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BtfLoadAttr : ILogAttr
{
    public ulong Btf;
    public ulong BtfLogBuf;
    public uint BtfSize;
    public uint BtfLogSize;
    public uint BtfLogLevel;
    public uint BtfLogTrueSize;

    void ILogAttr.SetLog(ulong buffer, uint size, uint level)
    {
        BtfLogBuf = buffer;
        BtfLogSize = size;
        BtfLogLevel = level;
    }

    readonly uint ILogAttr.LogTrueSize => BtfLogTrueSize;
}
