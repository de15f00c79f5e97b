using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Bool-returning matchers on IR values, so rewrite rules read like their patterns
/// (<c>a.MatchBinary(Op.Add, out var x, out var c)</c>), ILSpy style.
/// </summary>
internal static class IrMatching
{
    /// <summary>True when <paramref name="v"/> is the constant <paramref name="bits"/> of its type.</summary>
    public static bool IsConst(this Value v, long bits) => v is Constant c && c.Bits == IrArithmetic.Canonical(c.Type, bits);

    /// <summary>Matches an instruction of <paramref name="op"/>.</summary>
    public static bool MatchInstr(this Value v, Op op, out Instr instr)
    {
        if (v is Instr i && i.Op == op)
        {
            instr = i;
            return true;
        }
        instr = null!;
        return false;
    }

    /// <summary>Matches a one-operand <paramref name="op"/> and returns its operand.</summary>
    public static bool MatchUnary(this Value v, Op op, out Value x)
    {
        if (v is Instr i && i.Op == op && i.Operands.Count == 1)
        {
            x = i.Operands[0];
            return true;
        }
        x = null!;
        return false;
    }

    /// <summary>Matches a two-operand <paramref name="op"/> and returns its operands.</summary>
    public static bool MatchBinary(this Value v, Op op, out Value a, out Value b)
    {
        if (v is Instr i)
        {
            return i.Match(op, out a, out b);
        }
        a = b = null!;
        return false;
    }

    /// <summary>Matches a two-operand <paramref name="op"/> whose second operand is a constant.</summary>
    public static bool MatchBinaryConst(this Value v, Op op, out Value a, out long c)
    {
        if (v.MatchBinary(op, out a, out var b) && b.MatchConst(out c))
        {
            return true;
        }
        c = 0;
        return false;
    }

    /// <summary>True for instructions that compute a value and nothing else (no phi, no memory write, no call, no terminator).</summary>
    public static bool IsPureComputation(this Instr i) => !i.Info.HasSideEffects && i.Op != Op.Phi;
}
