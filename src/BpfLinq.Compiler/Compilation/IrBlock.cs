namespace BpfLinq;

/// <summary>
/// A basic block of a compiled function's IR: a vertex of its <see cref="ControlFlowGraph"/>.
/// The lines are those <see cref="CompiledProgram.Ir"/> prints under the block's label.
/// </summary>
/// <param name="Name">The block's name in the IR text (<c>b0</c> is the entry).</param>
/// <param name="Lines">The instructions, the terminator last.</param>
public sealed record IrBlock(string Name, IReadOnlyList<IrLine> Lines)
{
    /// <summary>The block's name.</summary>
    public override string ToString() => Name;
}
