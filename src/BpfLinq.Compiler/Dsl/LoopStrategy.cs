namespace BpfLinq;

/// <summary>How a loop intrinsic (<see cref="Bpf.Any"/>, <see cref="Bpf.FirstIndex"/>, <see cref="Bpf.Fold{TAccumulate}"/>) is compiled.</summary>
public enum LoopStrategy
{
    /// <summary>
    /// <see cref="Inline"/> when the count is a constant of at most <see cref="Bpf.MaxInlineIterations"/>,
    /// else <see cref="Callback"/>: a loop the verifier walks iteration by iteration costs no calls,
    /// but the verifier's budget limits it.
    /// </summary>
    Auto,
    /// <summary>A bounded loop in the enclosing function (a back edge); the count must be a constant.</summary>
    Inline,
    /// <summary>
    /// <c>bpf_loop</c> with the body as a callback subprogram: any count up to 8,388,608, verified once,
    /// each iteration an indirect call (a few ns each on CPUs with return-thunk mitigations).
    /// </summary>
    Callback,
}
