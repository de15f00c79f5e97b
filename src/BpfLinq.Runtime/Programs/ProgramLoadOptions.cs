using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Btf;

namespace BpfLinq.Runtime;

/// <summary>What <see cref="BpfProgram.Load"/> passes to <c>BPF_PROG_LOAD</c>.</summary>
public sealed record ProgramLoadOptions
{
    /// <summary>
    /// The default cap on the verifier log buffer: 1 MiB. A longer log keeps its end, where the
    /// rejection is; the exception says what size holds all of it.
    /// </summary>
    public const int DefaultLogSizeLimit = 1024 * 1024;

    /// <summary>The program type (<c>prog_type</c>).</summary>
    public required ProgramType Type { get; init; }

    /// <summary>The instructions, map fds and other relocations already patched in.</summary>
    public required ReadOnlyMemory<Insn> Instructions { get; init; }

    /// <summary>
    /// The license string. Defaults to <c>"GPL"</c> because the kernel lets only programs with a
    /// GPL-compatible license call GPL-only helpers (<c>bpf_trace_printk</c>, <c>bpf_probe_read*</c>,
    /// many networking helpers); a non-GPL license makes such calls fail verification.
    /// </summary>
    public string License { get; init; } = "GPL";

    /// <summary>The program name (at most 15 characters of <c>[A-Za-z0-9_.]</c>), or null.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>expected_attach_type</c>, required by some program types (cgroup, sk_lookup, tracing).</summary>
    public AttachType? ExpectedAttachType { get; init; }

    /// <summary>The loaded BTF the <see cref="FuncInfo"/>/<see cref="LineInfo"/> records refer to (<c>prog_btf_fd</c>).</summary>
    public BtfObject? ProgBtf { get; init; }

    /// <summary>One record per function, in instruction order (needs <see cref="ProgBtf"/>).</summary>
    public ReadOnlyMemory<FuncInfo> FuncInfo { get; init; }

    /// <summary>Source line records, sorted by instruction (needs <see cref="ProgBtf"/>).</summary>
    public ReadOnlyMemory<LineInfo> LineInfo { get; init; }

    /// <summary>
    /// The <c>fd_array</c>: fds that <c>BPF_PSEUDO_MAP_IDX</c> loads and kfunc calls (module BTF fds)
    /// refer to by index. Plain numbers: keep the objects they belong to undisposed until the load
    /// returns (<c>CompiledProgramLoading</c> holds its maps' handles for the load itself).
    /// </summary>
    public ReadOnlyMemory<int> FdArray { get; init; }

    /// <summary>The <c>attach_btf_id</c> of tracing, LSM and struct_ops programs (0: none).</summary>
    public uint AttachBtfId { get; init; }

    /// <summary>The <c>attach_btf_obj_fd</c> (module BTF) that <see cref="AttachBtfId"/> lives in (0: vmlinux).</summary>
    public int AttachBtfObjFd { get; init; }

    /// <summary>The <c>prog_flags</c>.</summary>
    public ProgramLoadFlags Flags { get; init; }

    /// <summary>
    /// The log level of the second attempt after a failed load (the first attempt never logs).
    /// <see cref="VerifierLogLevel.None"/> skips the second attempt.
    /// </summary>
    public VerifierLogLevel LogLevel { get; init; } = VerifierLogLevel.Basic;

    /// <summary>
    /// The largest log buffer the retry may grow to, in bytes (at least 4096). The retry grows the
    /// buffer only when the kernel says the whole log fits under this cap; otherwise the log keeps
    /// its end (<see cref="BpfVerifierException.LogTruncated"/>).
    /// </summary>
    public int LogSizeLimit { get; init; } = DefaultLogSizeLimit;
}
