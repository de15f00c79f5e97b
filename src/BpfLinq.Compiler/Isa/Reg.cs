namespace BpfLinq.Compiler.Isa;

/// <summary>
/// An eBPF register. <see cref="R0"/> holds return values, <see cref="R1"/>–<see cref="R5"/> carry
/// call arguments and are clobbered by calls, <see cref="R6"/>–<see cref="R9"/> survive calls, and
/// <see cref="R10"/> is the read-only frame pointer.
/// </summary>
public enum Reg : byte
{
    /// <summary>Return value of calls and of the program.</summary>
    R0 = 0,
    /// <summary>First argument; the context pointer on entry.</summary>
    R1 = 1,
    /// <summary>Second argument.</summary>
    R2 = 2,
    /// <summary>Third argument.</summary>
    R3 = 3,
    /// <summary>Fourth argument.</summary>
    R4 = 4,
    /// <summary>Fifth argument.</summary>
    R5 = 5,
    /// <summary>Callee-saved.</summary>
    R6 = 6,
    /// <summary>Callee-saved.</summary>
    R7 = 7,
    /// <summary>Callee-saved.</summary>
    R8 = 8,
    /// <summary>Callee-saved.</summary>
    R9 = 9,
    /// <summary>Read-only frame pointer; the stack grows down from it (at most 512 bytes).</summary>
    R10 = 10,
}
