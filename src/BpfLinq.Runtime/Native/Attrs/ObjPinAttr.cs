using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>
/// The pin member of <c>union bpf_attr</c>, used by <c>BPF_OBJ_PIN</c> (pathname + bpf_fd) and
/// <c>BPF_OBJ_GET</c> (pathname + file_flags).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ObjPinAttr
{
    public ulong Pathname;
    public uint BpfFd;
    public uint FileFlags;
    public int PathFd;
}
