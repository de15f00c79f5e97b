namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>The moves that bind a successor's parameters on one edge, in execution order.</summary>
/// <param name="Placement">Where they go.</param>
/// <param name="Steps">The moves, already sequentialised (see <see cref="ParallelMoves"/>).</param>
internal sealed record EdgeMoves(EdgePlacement Placement, MoveStep[] Steps);
