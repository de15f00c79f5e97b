using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>The <c>BPF_MAP_FREEZE</c> use of <c>union bpf_attr</c>: only <c>map_fd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MapFreezeAttr
{
    public uint MapFd;
}
