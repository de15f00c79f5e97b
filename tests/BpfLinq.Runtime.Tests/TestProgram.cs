using BpfLinq.Compiler.Isa;

namespace BpfLinq.Runtime.Tests;

/// <summary>The smallest programs many runtime tests load.</summary>
internal static class TestProgram
{
    /// <summary><c>r0 = value; exit</c>.</summary>
    public static Insn[] Return(int value) => [Insn.Mov(Reg.R0, value), Insn.Exit()];
}
