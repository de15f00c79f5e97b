using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>The <c>info</c> member of <c>union bpf_attr</c> (<c>BPF_OBJ_GET_INFO_BY_FD</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ObjInfoAttr
{
    public uint BpfFd;
    public uint InfoLen;
    public ulong Info;
}
