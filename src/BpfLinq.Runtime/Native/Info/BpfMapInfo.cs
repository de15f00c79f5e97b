using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Info;

/// <summary><c>struct bpf_map_info</c> up to <c>map_extra</c>, filled by <c>BPF_OBJ_GET_INFO_BY_FD</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BpfMapInfo
{
    public uint Type;
    public uint Id;
    public uint KeySize;
    public uint ValueSize;
    public uint MaxEntries;
    public uint MapFlags;
    public fixed byte Name[16];
    public uint Ifindex;
    public uint BtfVmlinuxValueTypeId;
    public ulong NetnsDev;
    public ulong NetnsIno;
    public uint BtfId;
    public uint BtfKeyTypeId;
    public uint BtfValueTypeId;
    public uint BtfVmlinuxId;
    public ulong MapExtra;
}
