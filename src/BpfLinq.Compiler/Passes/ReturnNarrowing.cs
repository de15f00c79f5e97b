using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// Demanded bits at the exit: for every program kind the compiler knows, the kernel reads only
/// the low 32 bits of r0 (<c>u32 ret = bpf_prog_run(...)</c>), so the bits above 31 of the value a
/// program returns are never demanded. The pass rewrites the returned i64 as the zero extension of
/// an i32 computing the same low half — zero extension costs nothing in the backend (ALU32 clears
/// the upper half), so a <c>(long)(int)x</c> loses its movsx and a 64-bit op over extended i32s
/// becomes its 32-bit form, written straight into w0.
/// <para>
/// Why here and not by making programs return i32 in the IR: the front end, the interpreter and
/// the golden IR all speak of a program's i64 result (C#'s <c>long</c>, <see cref="Verdict"/>
/// return values); only this rewrite needs to know that the kernel truncates, so the knowledge
/// lives in one pass (and the property tests compare a pipeline's result on its low 32 bits).
/// </para>
/// <para>
/// Algorithm: <c>Narrow(v)</c> is the i32 whose value is the low half of <c>v</c>: a constant's low
/// half, the operand of a <c>zext</c>/<c>sext</c>, <c>op.i32 Narrow(a), Narrow(b)</c> for the ops
/// whose low 32 bits depend only on their operands' low 32 bits (add, sub, mul, and, or, xor, shl
/// by a constant below 32), or a new <c>phi.i32</c> of narrowed incoming values when each is a
/// constant or an extension. Ops and phis are narrowed only when the returned value is their one
/// use (else the wide value is computed anyway and narrowing duplicates it). The rewrite is made
/// only when it removes a cost — a <c>sext</c> or a constant that needs <c>ld_imm64</c> — so code
/// that is already as cheap keeps its shape. Checking (<c>CanNarrow</c>) and building are separate,
/// so a failed attempt inserts nothing. The replaced wide instructions are left for DCE. Requires
/// one <c>ret</c> (any number works); preserves the CFG.
/// </para>
/// <code>
/// v7 = add.i32 v4, v6                  v7 = add.i32 v4, v6
/// v8 = sext.i64 v7              =>     v9 = zext.i64 v7
/// ret v8                               ret v9
/// </code>
/// </summary>
internal sealed class ReturnNarrowing : IPass
{
    /// <inheritdoc/>
    public string Name => "narrow-return";

    /// <inheritdoc/>
    public void Run(Function f, PassContext c)
    {
        if (!f.ReturnsToKernel)
        {
            return; // a caller reads the whole r0
        }
        if (f.ReturnType != IrType.I64 || !ProgramKindTable.Of(c.ProgramKind).ReturnsU32)
        {
            return;
        }
        DefUse? uses = null;
        foreach (var ret in f.Blocks.Select(b => b.Terminator).OfType<Instr>().Where(t => t.Op == Op.Ret).ToList())
        {
            var value = ret.Operands[0];
            if (value is Constant || value is Instr { Op: Op.ZExt })
            {
                continue; // already as narrow as it gets
            }
            if (!MayNarrow(value))
            {
                continue; // decided without scanning the function for use counts
            }
            uses ??= DefUse.Compute(f);
            if (!CanNarrow(value, uses) || !Removes(value))
            {
                continue;
            }
            var narrow = Narrow(f, value);
            var zext = ret.Block!.InsertBefore(ret, IrBuilder.Create(Op.ZExt, IrType.I64, narrow));
            zext.Source = ret.Source;
            ret.SetOperand(0, zext);
            c.NoteRewrite(Name, $"ret {value.Type} => ret (ZExt (narrowed to i32))");
            uses = null;
        }
    }

    private static bool IsLowHalfOp(Instr i) =>
        i.Op is Op.Add or Op.Sub or Op.Mul or Op.And or Op.Or or Op.Xor
        || (i.Op == Op.Shl && i.Operands[1] is Constant { Bits: >= 0 and < 32 });

    private static bool IsExtension(Value v) => v is Instr { Op: Op.ZExt or Op.SExt };

    // True when Narrow(v) exists without duplicating work.
    private static bool CanNarrow(Value v, DefUse uses) => v switch
    {
        Constant => true,
        Instr { Op: Op.ZExt or Op.SExt } => true,
        Instr { Op: Op.Phi, Type: IrType.I64 } phi => uses.UseCount(phi) == 1 && phi.Operands.All(o => o is Constant || IsExtension(o)),
        Instr { Type: IrType.I64 } i when IsLowHalfOp(i) => uses.UseCount(i) == 1 && i.Operands.All(o => CanNarrow(o, uses)),
        _ => false,
    };

    // CanNarrow(v) && Removes(v) without the use counts (which need a scan of the whole function):
    // false means the rewrite is not made. Each value is looked at once, so a shared operand costs
    // nothing twice, and only the shapes CanNarrow accepts are followed (no phi cycle is entered).
    private static bool MayNarrow(Value v)
    {
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var removes = false;
        bool Shape(Value x)
        {
            if (!seen.Add(x))
            {
                return true;
            }
            switch (x)
            {
                case Constant c:
                    removes |= Removes(c);
                    return true;
                case Instr { Op: Op.ZExt or Op.SExt } e:
                    removes |= Removes(e);
                    return true;
                case Instr { Op: Op.Phi, Type: IrType.I64 } phi:
                    return phi.Operands.All(o => (o is Constant || IsExtension(o)) && Shape(o));
                case Instr { Type: IrType.I64 } i when IsLowHalfOp(i):
                    return i.Operands.All(Shape);
                default:
                    return false;
            }
        }
        return Shape(v) && removes;
    }

    // True when narrowing v drops a sign extension or a constant that needs ld_imm64 (v can be narrowed).
    private static bool Removes(Value v) => v switch
    {
        Constant c => c.Bits is < int.MinValue or > uint.MaxValue, // else w0 = imm already makes it
        Instr { Op: Op.SExt } => true,
        Instr { Op: Op.ZExt } => false,
        Instr i => i.Operands.Any(Removes),
        _ => false,
    };

    // The i32 holding v's low half, built before v (CanNarrow(v) holds).
    private static Value Narrow(Function f, Value v)
    {
        switch (v)
        {
            case Constant c:
                return f.Const(IrType.I32, c.Bits);
            case Instr { Op: Op.ZExt or Op.SExt } e:
                return e.Operands[0];
            case Instr { Op: Op.Phi } phi:
                var narrowPhi = phi.Block!.InsertPhi(IrBuilder.Create(Op.Phi, IrType.I32));
                narrowPhi.Source = phi.Source;
                for (var k = 0; k < phi.Operands.Count; k++)
                {
                    IrBuilder.AddPhiIncoming(narrowPhi, phi.PhiBlocks[k], Narrow(f, phi.Operands[k]));
                }
                return narrowPhi;
            case Instr i:
                var a = Narrow(f, i.Operands[0]);
                var b = Narrow(f, i.Operands[1]);
                var narrow = i.Block!.InsertBefore(i, IrBuilder.Create(i.Op, IrType.I32, a, b));
                narrow.Source = i.Source;
                return narrow;
            default:
                throw new InvalidOperationException($"{v} cannot be narrowed");
        }
    }
}
