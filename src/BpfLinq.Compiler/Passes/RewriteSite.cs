using System.Numerics;
using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// The instruction an <see cref="AlgebraicRule"/> is looking at, with what a rule needs to build its
/// replacement: typed constants and new instructions inserted just before it (carrying its source,
/// so the C# expression stays attached to the code that computes it).
/// </summary>
internal sealed class RewriteSite(Function function, Instr instr)
{
    /// <summary>The instruction being simplified.</summary>
    public Instr Instr { get; } = instr;

    /// <summary>Its first operand.</summary>
    public Value A => Instr.Operands[0];

    /// <summary>Its second operand.</summary>
    public Value B => Instr.Operands[1];

    /// <summary>Its result type (for a compare: bool).</summary>
    public IrType Type => Instr.Type;

    /// <summary>The type of the first operand (what a compare compares).</summary>
    public IrType OperandType => A.Type;

    /// <summary>Bits in the result (32 or 64).</summary>
    public int Width => Type == IrType.I32 ? 32 : 64;

    /// <summary>A constant of the result type (canonicalised, so i32 values wrap to 32 bits).</summary>
    public Constant Const(long bits) => function.Const(Type, bits);

    /// <summary>A constant of <paramref name="type"/>.</summary>
    public Constant Const(IrType type, long bits) => function.Const(type, bits);

    /// <summary>The bool constant <paramref name="value"/>.</summary>
    public Constant Bool(bool value) => function.Const(IrType.Bool, value ? 1 : 0);

    /// <summary>Inserts <c>op.type a, b</c> before the instruction.</summary>
    public Instr Emit(Op op, IrType type, Value a, Value b) => Insert(IrBuilder.Create(op, type, a, b));

    /// <summary>Inserts the one-operand <c>op.type a</c> before the instruction.</summary>
    public Instr Emit(Op op, IrType type, Value a) => Insert(IrBuilder.Create(op, type, a));

    /// <summary>Inserts <c>cmp.cond a, b</c> before the instruction.</summary>
    public Instr Compare(Cond cond, Value a, Value b)
    {
        var cmp = IrBuilder.Create(Op.Cmp, IrType.Bool, a, b);
        cmp.Cond = cond;
        return Insert(cmp);
    }

    /// <summary>Inserts a copy of the instruction with other operands (same op, type, condition, immediate).</summary>
    public Instr With(Value a, Value b)
    {
        var copy = IrBuilder.Create(Instr.Op, Instr.Type, a, b);
        copy.Cond = Instr.Cond;
        copy.Imm = Instr.Imm;
        return Insert(copy);
    }

    /// <summary>Inserts a copy of the load with another pointer and offset (same type, width, signedness).</summary>
    public Instr Load(Value pointer, long offset)
    {
        var load = IrBuilder.Create(Op.Load, Instr.Type, pointer);
        load.Imm = offset;
        load.Size = Instr.Size;
        load.Signed = Instr.Signed;
        return Insert(load);
    }

    /// <summary><c>k</c> when <paramref name="v"/> is the constant 2^k at <paramref name="type"/>'s width.</summary>
    public static int? Log2(Value v, IrType type)
    {
        if (v is not Constant c)
        {
            return null;
        }
        var bits = (ulong)c.Bits & KnownBits.WidthMask(type);
        return BitOperations.IsPow2(bits) ? BitOperations.Log2(bits) : null;
    }

    /// <summary>A shift count as the hardware uses it: masked to the width.</summary>
    public int ShiftCount(long count) => (int)(count & (Width - 1));

    private Instr Insert(Instr i)
    {
        i.Source = Instr.Source;
        return Instr.Block!.InsertBefore(Instr, i);
    }
}
