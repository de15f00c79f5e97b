using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Analysis;

/// <summary>One use of a value: operand <paramref name="Operand"/> of <paramref name="User"/>.</summary>
/// <param name="User">The instruction reading the value.</param>
/// <param name="Operand">The operand slot (for a phi, also the index of the incoming block).</param>
internal readonly record struct Use(Instr User, int Operand)
{
    /// <summary>The block where the value must be available: the incoming block for a phi operand, else the user's block.</summary>
    public Block Site => User.Op == Op.Phi ? User.PhiBlocks[Operand] : User.Block!;
}
