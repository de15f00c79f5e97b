using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Info;

/// <summary>
/// <c>struct bpf_link_info</c>: the common head and the first 16 bytes of the per-type union
/// (which starts at offset 16). <c>xdp.ifindex</c> and <c>sockmap.map_id</c> are
/// <see cref="Target0"/>; <c>sockmap.attach_type</c> is <see cref="Target1"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfLinkInfo
{
    public uint Type;
    public uint Id;
    public uint ProgId;
    public uint Padding;
    public uint Target0;
    public uint Target1;
    public ulong Target2;
}
