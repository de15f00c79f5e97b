namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Linkage of a <see cref="BtfFunc"/> (its <c>vlen</c> field) or a <see cref="BtfVar"/> (its
/// <c>btf_var.linkage</c>). Both encodings use the same numbers: <c>BTF_FUNC_STATIC</c>/
/// <c>BTF_VAR_STATIC</c> 0, <c>BTF_FUNC_GLOBAL</c>/<c>BTF_VAR_GLOBAL_ALLOCATED</c> 1,
/// <c>BTF_FUNC_EXTERN</c>/<c>BTF_VAR_GLOBAL_EXTERN</c> 2.
/// </summary>
public enum BtfLinkage : byte
{
    /// <summary>Visible only in its object; for a BPF subprogram, verified in its caller's context.</summary>
    Static = 0,
    /// <summary>Defined here and visible globally; a global BPF function is verified on its own.</summary>
    Global = 1,
    /// <summary>Declared here, defined elsewhere (kfuncs and ksyms in BPF objects).</summary>
    Extern = 2,
}
