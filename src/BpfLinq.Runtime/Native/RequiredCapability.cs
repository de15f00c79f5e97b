using BpfLinq.Compiler.Isa;

namespace BpfLinq.Runtime.Native;

/// <summary>
/// Which capability a bpf command needs, mirroring the kernel's checks (kernel/bpf/syscall.c:
/// <c>bpf_capable()</c>, <c>bpf_net_capable()</c>, <c>perfmon_capable()</c>, and the
/// <c>is_net_admin_prog_type</c>/<c>is_perfmon_prog_type</c> lists). CAP_SYS_ADMIN always
/// implies the others.
/// </summary>
internal static class RequiredCapability
{
    /// <summary>
    /// The capability to name when <paramref name="command"/> failed with EPERM, or null when EPERM
    /// from that command means something else (a frozen or read-only map, bpffs permissions).
    /// </summary>
    internal static string? For(BpfCommand? command, ProgramType? programType = null, MapType? mapType = null) => command switch
    {
        BpfCommand.ProgLoad or BpfCommand.ProgAttach or BpfCommand.ProgDetach or BpfCommand.LinkCreate
            => programType is { } type ? ForProgram(type) : "CAP_BPF",
        BpfCommand.MapCreate => mapType is { } map && NeedsNetAdmin(map) ? "CAP_NET_ADMIN" : "CAP_BPF",
        BpfCommand.BtfLoad or BpfCommand.ProgTestRun or BpfCommand.MapGetNextId or BpfCommand.ProgGetNextId
            or BpfCommand.BtfGetNextId or BpfCommand.LinkGetNextId => "CAP_BPF",
        BpfCommand.ProgGetFdById or BpfCommand.MapGetFdById or BpfCommand.BtfGetFdById
            or BpfCommand.LinkGetFdById or BpfCommand.EnableStats or BpfCommand.ProgQuery => "CAP_SYS_ADMIN",
        _ => null,
    };

    private static string ForProgram(ProgramType type) => type switch
    {
        ProgramType.SchedCls or ProgramType.SchedAct or ProgramType.Xdp or ProgramType.LwtIn
            or ProgramType.LwtOut or ProgramType.LwtXmit or ProgramType.LwtSeg6Local or ProgramType.SkSkb
            or ProgramType.SkMsg or ProgramType.FlowDissector or ProgramType.CgroupSkb or ProgramType.CgroupSock
            or ProgramType.CgroupSockAddr or ProgramType.SockOps or ProgramType.SkReusePort
            or ProgramType.CgroupSockopt or ProgramType.CgroupDevice or ProgramType.CgroupSysctl
            or ProgramType.SkLookup or ProgramType.Netfilter => "CAP_NET_ADMIN",
        ProgramType.Kprobe or ProgramType.Tracepoint or ProgramType.PerfEvent or ProgramType.RawTracepoint
            or ProgramType.RawTracepointWritable or ProgramType.Tracing or ProgramType.Lsm
            or ProgramType.StructOps or ProgramType.Ext or ProgramType.Syscall => "CAP_PERFMON",
        _ => "CAP_BPF",
    };

    private static bool NeedsNetAdmin(MapType type) => type is MapType.SockMap or MapType.SockHash
        or MapType.DevMap or MapType.DevMapHash or MapType.XskMap or MapType.CpuMap;
}
