namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>
/// Two nodes that would rather share a register: a copy's ends, a tied operation's result and
/// first source, a block parameter and an edge argument. Sharing erases a move.
/// </summary>
/// <param name="A">One node.</param>
/// <param name="B">The other node.</param>
/// <param name="Weight">How much sharing saves: 10^loop depth of the move.</param>
internal readonly record struct Affinity(int A, int B, double Weight);
