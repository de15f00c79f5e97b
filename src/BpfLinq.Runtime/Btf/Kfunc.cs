using BpfLinq.Compiler.Btf;

namespace BpfLinq.Runtime.Btf;

/// <summary>
/// A kernel function BPF programs may call (a kfunc), as <see cref="KfuncResolver"/> found it in the
/// kernel's BTF: what a <c>BPF_PSEUDO_KFUNC_CALL</c> instruction needs (<see cref="BtfId"/> in its
/// <c>imm</c>; <c>off</c> 0 for vmlinux, or the <c>fd_array</c> index of <see cref="Module"/>'s BTF fd)
/// and the prototype to check arguments against.
/// </summary>
public sealed class Kfunc
{
    internal Kfunc(string name, int btfId, BtfFunc func, string? module, bool isTagged)
    {
        Name = name;
        BtfId = btfId;
        Func = func;
        Module = module;
        IsTagged = isTagged;
    }

    /// <summary>The kfunc's name, e.g. <c>bpf_strcmp</c>.</summary>
    public string Name { get; }

    /// <summary>The id of its <c>BTF_KIND_FUNC</c> in the BTF that holds it (vmlinux or <see cref="Module"/>).</summary>
    public int BtfId { get; }

    /// <summary>Its FUNC (shared with the <see cref="BtfSpec"/> it came from: treat as read-only).</summary>
    public BtfFunc Func { get; }

    /// <summary>
    /// Its prototype: return type and parameters, with the kernel's parameter names (suffixes such as
    /// <c>__sz</c>, <c>__k</c> or <c>__ign</c> tell the verifier how to treat an argument).
    /// </summary>
    public BtfFuncProto Proto => Func.Proto;

    /// <summary>The module whose BTF holds it, or null when it is vmlinux's.</summary>
    public string? Module { get; }

    /// <summary>
    /// True when the kernel's BTF marks this FUNC as a kfunc (a <c>bpf_kfunc</c> decl tag). False only
    /// when the BTF marks no kfunc at all (built with pahole before 1.27): then this is merely the
    /// kernel function of that name, and the verifier decides at load time whether programs may call it.
    /// </summary>
    public bool IsTagged { get; }

    /// <summary>E.g. <c>kfunc bpf_strcmp [65808]</c>, or <c>kfunc f [130001] in module m</c>.</summary>
    public override string ToString() =>
        Module is null ? $"kfunc {Name} [{BtfId}]" : $"kfunc {Name} [{BtfId}] in module {Module}";
}
