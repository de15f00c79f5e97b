using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>
/// The attach member of <c>union bpf_attr</c> used by <c>BPF_PROG_ATTACH</c> and
/// <c>BPF_PROG_DETACH</c>, up to <c>replace_bpf_fd</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ProgAttachAttr
{
    public uint TargetFd;
    public uint AttachBpfFd;
    public uint AttachType;
    public uint AttachFlags;
    public uint ReplaceBpfFd;
}
