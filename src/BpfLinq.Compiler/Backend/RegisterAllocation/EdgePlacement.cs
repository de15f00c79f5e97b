namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>Where the moves of a control-flow edge are emitted.</summary>
internal enum EdgePlacement : byte
{
    /// <summary>
    /// At the end of the predecessor, after the reloads its terminator needs and before the jump.
    /// For a branch this speculates them onto the other edge too, which is allowed only when they
    /// write nothing live there and nothing the branch reads.
    /// </summary>
    PredecessorEnd,
    /// <summary>At the start of the successor, which has no other predecessor.</summary>
    SuccessorStart,
    /// <summary>In a new block on the edge (a split critical edge).</summary>
    Split,
}
