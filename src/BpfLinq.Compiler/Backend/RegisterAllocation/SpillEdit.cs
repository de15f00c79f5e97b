namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>
/// A reload before, or a store after, one instruction of a spilled register: <see cref="Node"/> is
/// the short live range that carries <see cref="VReg"/> between its stack slot and the instruction.
/// </summary>
/// <param name="Node">The temporary live range (never spilled itself).</param>
/// <param name="VReg">The spilled register it stands for.</param>
internal readonly record struct SpillEdit(int Node, VReg VReg);
