namespace BpfLinq.Compiler.Isa;

// Builders for the bitwise and shift operations of ALU64 and ALU (suffix 32). Shift counts are
// masked to the operand width by the kernel (63 or 31); the verifier rejects a constant count
// at or above the width.
public readonly partial struct Insn
{
    /// <summary><c>dst |= imm</c>.</summary>
    public static Insn Or(Reg dst, int imm) => Alu(AluOp.Or, dst, imm);
    /// <summary><c>dst |= src</c>.</summary>
    public static Insn Or(Reg dst, Reg src) => Alu(AluOp.Or, dst, src);
    /// <summary><c>wdst |= imm</c>.</summary>
    public static Insn Or32(Reg dst, int imm) => Alu32(AluOp.Or, dst, imm);
    /// <summary><c>wdst |= wsrc</c>.</summary>
    public static Insn Or32(Reg dst, Reg src) => Alu32(AluOp.Or, dst, src);

    /// <summary><c>dst &amp;= imm</c>.</summary>
    public static Insn And(Reg dst, int imm) => Alu(AluOp.And, dst, imm);
    /// <summary><c>dst &amp;= src</c>.</summary>
    public static Insn And(Reg dst, Reg src) => Alu(AluOp.And, dst, src);
    /// <summary><c>wdst &amp;= imm</c>.</summary>
    public static Insn And32(Reg dst, int imm) => Alu32(AluOp.And, dst, imm);
    /// <summary><c>wdst &amp;= wsrc</c>.</summary>
    public static Insn And32(Reg dst, Reg src) => Alu32(AluOp.And, dst, src);

    /// <summary><c>dst ^= imm</c>.</summary>
    public static Insn Xor(Reg dst, int imm) => Alu(AluOp.Xor, dst, imm);
    /// <summary><c>dst ^= src</c>.</summary>
    public static Insn Xor(Reg dst, Reg src) => Alu(AluOp.Xor, dst, src);
    /// <summary><c>wdst ^= imm</c>.</summary>
    public static Insn Xor32(Reg dst, int imm) => Alu32(AluOp.Xor, dst, imm);
    /// <summary><c>wdst ^= wsrc</c>.</summary>
    public static Insn Xor32(Reg dst, Reg src) => Alu32(AluOp.Xor, dst, src);

    /// <summary><c>dst &lt;&lt;= imm</c>.</summary>
    public static Insn Lsh(Reg dst, int imm) => Alu(AluOp.Lsh, dst, imm);
    /// <summary><c>dst &lt;&lt;= src</c>.</summary>
    public static Insn Lsh(Reg dst, Reg src) => Alu(AluOp.Lsh, dst, src);
    /// <summary><c>wdst &lt;&lt;= imm</c>.</summary>
    public static Insn Lsh32(Reg dst, int imm) => Alu32(AluOp.Lsh, dst, imm);
    /// <summary><c>wdst &lt;&lt;= wsrc</c>.</summary>
    public static Insn Lsh32(Reg dst, Reg src) => Alu32(AluOp.Lsh, dst, src);

    /// <summary><c>dst &gt;&gt;= imm</c>, logical.</summary>
    public static Insn Rsh(Reg dst, int imm) => Alu(AluOp.Rsh, dst, imm);
    /// <summary><c>dst &gt;&gt;= src</c>, logical.</summary>
    public static Insn Rsh(Reg dst, Reg src) => Alu(AluOp.Rsh, dst, src);
    /// <summary><c>wdst &gt;&gt;= imm</c>, logical.</summary>
    public static Insn Rsh32(Reg dst, int imm) => Alu32(AluOp.Rsh, dst, imm);
    /// <summary><c>wdst &gt;&gt;= wsrc</c>, logical.</summary>
    public static Insn Rsh32(Reg dst, Reg src) => Alu32(AluOp.Rsh, dst, src);

    /// <summary><c>dst s&gt;&gt;= imm</c>, arithmetic (sign-filling).</summary>
    public static Insn Arsh(Reg dst, int imm) => Alu(AluOp.Arsh, dst, imm);
    /// <summary><c>dst s&gt;&gt;= src</c>, arithmetic.</summary>
    public static Insn Arsh(Reg dst, Reg src) => Alu(AluOp.Arsh, dst, src);
    /// <summary><c>wdst s&gt;&gt;= imm</c>, arithmetic on the low 32 bits.</summary>
    public static Insn Arsh32(Reg dst, int imm) => Alu32(AluOp.Arsh, dst, imm);
    /// <summary><c>wdst s&gt;&gt;= wsrc</c>, arithmetic on the low 32 bits.</summary>
    public static Insn Arsh32(Reg dst, Reg src) => Alu32(AluOp.Arsh, dst, src);
}
