namespace BpfLinq;

/// <summary>One function of a compiled program: the program itself first, then its subprograms and callbacks.</summary>
/// <param name="Name">The function's name (BTF FUNC name; the program's name for the first).</param>
/// <param name="Start">The instruction slot where it starts.</param>
public sealed record ProgramFunction(string Name, int Start);
