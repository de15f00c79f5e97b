namespace BpfLinq.Compiler.Backend;

/// <summary>
/// A control-flow edge as a terminator names it: the target block and the values bound to its
/// parameters (Cranelift's block call). Phis become block parameters, so an edge carries its own
/// phi operands and two edges between the same blocks can pass different ones.
/// </summary>
/// <param name="Target">The successor.</param>
/// <param name="Args">One operand per parameter of <paramref name="Target"/>.</param>
internal sealed record BlockCall(MachineBlock Target, MachineOperand[] Args);
