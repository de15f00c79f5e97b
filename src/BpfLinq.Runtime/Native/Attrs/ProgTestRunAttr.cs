using System.Runtime.InteropServices;

namespace BpfLinq.Runtime.Native.Attrs;

/// <summary>The <c>test</c> member of <c>union bpf_attr</c> (<c>BPF_PROG_TEST_RUN</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ProgTestRunAttr
{
    public uint ProgFd;
    public uint Retval;
    public uint DataSizeIn;
    public uint DataSizeOut;
    public ulong DataIn;
    public ulong DataOut;
    public uint Repeat;
    public uint Duration;
    public uint CtxSizeIn;
    public uint CtxSizeOut;
    public ulong CtxIn;
    public ulong CtxOut;
    public uint Flags;
    public uint Cpu;
    public uint BatchSize;
}
