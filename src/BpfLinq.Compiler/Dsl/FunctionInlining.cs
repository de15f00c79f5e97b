namespace BpfLinq;

/// <summary>Whether calls of a <see cref="BpfFunction"/> become a BPF-to-BPF call or a copy of its body.</summary>
public enum FunctionInlining
{
    /// <summary>
    /// A copy of the body when it is small (at most <see cref="BpfFunction.MaxAutoInlineNodes"/> expression
    /// nodes: a call costs more than such a body), else one subprogram shared by every call.
    /// </summary>
    Auto,
    /// <summary>Always a copy of the body at each call: no call overhead, more instructions.</summary>
    Always,
    /// <summary>Always a subprogram: compiled and verified once, its own stack frame, arguments in r1–r5.</summary>
    Never,
}
