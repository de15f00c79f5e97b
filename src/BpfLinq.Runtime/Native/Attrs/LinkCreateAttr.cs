using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>
/// The <c>link_create</c> member of <c>union bpf_attr</c>, up to <c>flags</c> (the per-kind union
/// after it is not used by the attach kinds the runtime supports).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LinkCreateAttr
{
    public uint ProgFd;
    public uint TargetFd;
    public uint AttachType;
    public uint Flags;
}
