using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>
/// The element member of <c>union bpf_attr</c> used by <c>BPF_MAP_LOOKUP_ELEM</c>,
/// <c>BPF_MAP_UPDATE_ELEM</c>, <c>BPF_MAP_DELETE_ELEM</c> and <c>BPF_MAP_GET_NEXT_KEY</c>
/// (where <see cref="Value"/> is <c>next_key</c>). Pointers travel as u64.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MapElemAttr
{
    public uint MapFd;
    public ulong Key;
    public ulong Value;
    public ulong Flags;
}
