namespace BpfLinq;

/// <summary>How a loop intrinsic (<see cref="Bpf.Any"/>, <see cref="Bpf.FirstIndex"/>, <see cref="Bpf.Fold{TAccumulate}"/>) is compiled.</summary>
public enum LoopStrategy
{
    /// <summary>
    /// <see cref="Unroll"/> when the count is a constant of at most <see cref="Bpf.MaxUnrolledIterations"/>,
    /// <see cref="Inline"/> when it is a constant of at most <see cref="Bpf.MaxInlineIterations"/>, else
    /// <see cref="Callback"/>: straight-line code is fastest, a loop the verifier walks iteration by
    /// iteration costs no calls but verifier budget, a callback costs an indirect call per iteration.
    /// A loop whose iterations times body (nested loops multiplied) would use a quarter of the
    /// verifier's budget of one million instructions is a callback whatever its count, and so is a loop
    /// of more than <see cref="Bpf.MaxUnrolledIterations"/> whose body reads the packet at an offset
    /// computed per iteration in a kind with direct packet access (tc, XDP, cgroup_skb): the verifier's
    /// walk of such a loop grows much faster than its count. Auto only chooses what loads.
    /// </summary>
    Auto,
    /// <summary>
    /// A bounded loop in the enclosing function (a back edge); the count must be a constant, and
    /// iterations times body must stay within the verifier's budget (a compile error otherwise).
    /// </summary>
    Inline,
    /// <summary>
    /// The body repeated once per index with the index a constant (the count must be a constant of at
    /// most <see cref="Bpf.MaxUnrolledIterations"/>): no back edge, and constant offsets let packet
    /// reads share bounds checks.
    /// </summary>
    Unroll,
    /// <summary>
    /// <c>bpf_loop</c> with the body as a callback subprogram: any count up to 8,388,608, verified once,
    /// each iteration an indirect call (a few ns each on CPUs with return-thunk mitigations).
    /// </summary>
    Callback,
}
