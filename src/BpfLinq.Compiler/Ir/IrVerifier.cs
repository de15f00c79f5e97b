using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Diagnostics;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Checks that a function is well-formed IR: block structure, predecessor lists in step with
/// terminators, phis in step with predecessors, operand counts and types, and SSA (every definition
/// dominates its uses). Tests run it after every pass. Each violation is an <see cref="CheckerError{TKind}"/>:
/// its kind, the block and operation, and a message (<c>block b3: condbr: has 1 target, want 2</c>).
/// </summary>
internal static class IrVerifier
{
    /// <summary>Returns every violation found (empty when the function is well-formed).</summary>
    public static List<CheckerError<IrErrorKind>> Check(Function f)
    {
        var errors = new List<CheckerError<IrErrorKind>>();
        if (f.Blocks.Count == 0)
        {
            errors.Add(new(IrErrorKind.NoBlocks, $"function {f.Name}", "has no blocks"));
            return errors;
        }
        f.Renumber(); // messages name blocks and values by their current position
        if (f.Entry.Preds.Count != 0)
        {
            errors.Add(new(IrErrorKind.EntryHasPredecessors, $"block {f.Entry}", "the entry block has predecessors"));
        }
        var blocks = f.Blocks.ToHashSet();
        foreach (var b in f.Blocks)
        {
            CheckStructure(f, b, blocks, errors);
        }
        if (errors.Count == 0)
        {
            CheckSsa(f, errors);
        }
        return errors;
    }

    /// <summary>Throws <see cref="InternalCompilerError"/> naming <paramref name="phase"/> when the function is malformed.</summary>
    public static void VerifyOrThrow(Function f, string phase)
    {
        var errors = Check(f);
        if (errors.Count > 0)
        {
            string dump;
            try
            {
                dump = IrPrinter.Print(f);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException)
            {
                dump = "(IR could not be printed: " + e.Message + ")";
            }
            throw new InternalCompilerError(phase, f.Name, string.Join("; ", errors), dump);
        }
    }

    private static void CheckStructure(Function f, Block b, HashSet<Block> blocks, List<CheckerError<IrErrorKind>> errors)
    {
        void Err(IrErrorKind kind, string m) => errors.Add(new(kind, $"block {b}", m));
        if (b.Terminator is null)
        {
            Err(IrErrorKind.NoTerminator, "has no terminator");
        }
        var seenNonPhi = false;
        for (var k = 0; k < b.Instrs.Count; k++)
        {
            var i = b.Instrs[k];
            if (i.Block != b)
            {
                Err(IrErrorKind.WrongBlock, $"instruction {k} ({i.Op}) does not point back to its block");
            }
            if (i.IsTerminator && k != b.Instrs.Count - 1)
            {
                Err(IrErrorKind.TerminatorNotLast, $"terminator {i.Op} is not last");
            }
            if (i.Op == Op.Phi && seenNonPhi)
            {
                Err(IrErrorKind.PhiNotFirst, "phi after a non-phi instruction");
            }
            seenNonPhi |= i.Op != Op.Phi;
            CheckInstr(f, b, i, errors);
        }
        foreach (var s in b.Succs)
        {
            if (!blocks.Contains(s))
            {
                Err(IrErrorKind.TargetOutsideFunction, $"targets {s}, which is not in the function");
            }
            else if (s.Preds.Count(p => p == b) != b.Succs.Count(t => t == s))
            {
                Err(IrErrorKind.PredecessorMismatch, $"edge to {s} is not in its predecessor list");
            }
        }
        foreach (var p in b.Preds)
        {
            if (!p.Succs.Contains(b))
            {
                Err(IrErrorKind.PredecessorMismatch, $"lists predecessor {p}, which does not branch here");
            }
        }
        foreach (var phi in b.Phis)
        {
            if (phi.PhiBlocks.Count != phi.Operands.Count
                || phi.PhiBlocks.Count != b.Preds.Count
                || phi.PhiBlocks.GroupBy(x => x).Any(g => g.Count() != b.Preds.Count(p => p == g.Key)))
            {
                Err(IrErrorKind.PhiEdgeMismatch, $"phi v{phi.Id} names blocks [{string.Join(" ", phi.PhiBlocks)}], predecessors are [{string.Join(" ", b.Preds)}]");
            }
        }
    }

    private static void CheckInstr(Function f, Block b, Instr i, List<CheckerError<IrErrorKind>> errors)
    {
        void Err(IrErrorKind kind, string m) => errors.Add(new(kind, $"block {b}: {i.Op.ToString().ToLowerInvariant()}", m));
        var info = i.Info;
        if (info.Arity >= 0 && i.Operands.Count != info.Arity)
        {
            Err(IrErrorKind.OperandCount, $"has {i.Operands.Count} operands, want {info.Arity}");
            return;
        }
        for (var k = 0; k < i.Operands.Count; k++)
        {
            var v = i.Operands[k];
            if (v is Param p && !f.Params.Contains(p))
            {
                Err(IrErrorKind.ForeignOperand, $"operand {k} is a parameter of another function");
            }
            if (v is Instr d && (d.Block is null || d.Block.Function != f))
            {
                Err(IrErrorKind.ForeignOperand, $"operand {k} is an instruction that is not in the function");
            }
            if (v.Type == IrType.Void)
            {
                Err(IrErrorKind.OperandKind, $"operand {k} has no value");
            }
            if (v.Type == IrType.Bool && i.Op != Op.CondBr)
            {
                Err(IrErrorKind.OperandKind, $"operand {k} is a bool, which only condbr may use");
            }
            if (OperandTypes.Expected(i, k, f.ReturnType) is { } want && v.Type != want)
            {
                Err(IrErrorKind.OperandType, $"operand {k} has type {v.Type.Name()}, want {want.Name()}");
            }
        }
        var t = i.Type;
        var problem = i.Op switch
        {
            >= Op.Add and <= Op.Not when !t.IsScalar() => "result must be i32 or i64",
            Op.ZExt or Op.SExt when t != IrType.I64 => "result must be i64",
            Op.Trunc when t != IrType.I32 => "result must be i32",
            Op.SExtIn when !t.IsScalar() || i.Imm is not (8 or 16 or 32) || (i.Imm == 32 && t != IrType.I64) => "sign-extends 8 or 16 bits (32 in i64)",
            Op.ByteSwap when !t.IsScalar() || i.Imm is not (16 or 32 or 64) || (i.Imm == 64 && t != IrType.I64) => "swaps 16, 32 (or 64 in i64) bits",
            Op.Cmp when t != IrType.Bool || i.Operands[0].Type != i.Operands[1].Type && !IsPacketBoundsCompare(i) && !IsNullCheck(i) => "compares two values of one type",
            Op.PtrAdd when !t.IsPointer() || i.Operands[0].Type != t => "adds an offset to a pointer of the result's type",
            Op.Load when !i.Operands[0].Type.IsPointer() => "loads through a pointer",
            Op.Load when IsPacketPointerLoad(i) => null,
            Op.Load when t.IsPointer() && i.Size == 8 && i.Operands[0].Type == IrType.StackPtr => null, // a spilled pointer (a callback's context)
            Op.Load when i.Size is not (1 or 2 or 4 or 8) || (i.Size == 8 && t != IrType.I64) || !t.IsScalar() => "loads 1, 2, 4 (i32 or i64) or 8 (i64) bytes",
            Op.PacketLoad when i.Size is not (1 or 2 or 4 or 8) || (i.Size == 8 ? t != IrType.I64 : t != IrType.I32) => "reads 1, 2, 4 (i32) or 8 (i64) bytes",
            Op.PacketHas when t != IrType.I32 || i.Size is < 1 or > 64 => "tests 1 to 64 bytes into an i32",
            Op.VlanSkip when t != IrType.I32 || i.Imm is < 1 or > 8 => "counts 1 to 8 tags into an i32",
            Op.StackSlot when t != IrType.StackPtr || i.Imm is < 1 or > 512 => "reserves 1 to 512 bytes of stack",
            Op.Store when !i.Operands[0].Type.IsPointer() || i.Size is not (1 or 2 or 4 or 8) => "stores 1, 2, 4 or 8 bytes through a pointer",
            Op.Call or Op.KfuncCall or Op.LocalCall when i.Operands.Count > 5 => "passes more than 5 arguments",
            Op.MapRef when t != IrType.MapPtr => "result must be mapptr",
            Op.MapValueAddr when t != IrType.MapValuePtr => "result must be valptr",
            Op.FuncAddr when t != IrType.I64 => "result must be i64",
            Op.AtomicAdd when !i.Operands[0].Type.IsPointer() || i.Size is not (4 or 8) => "adds 4 or 8 bytes through a pointer",
            Op.Br when i.Targets.Length != 1 => $"has {i.Targets.Length} targets, want 1",
            Op.CondBr when i.Targets.Length != 2 => $"has {i.Targets.Length} targets, want 2",
            Op.Phi when t == IrType.Bool || t == IrType.Void => "phis carry values, not bools",
            _ => null,
        };
        if (problem is not null)
        {
            Err(i.Op is Op.Br or Op.CondBr ? IrErrorKind.TargetCount : IrErrorKind.MalformedInstruction, problem);
        }
    }

    // The context's data and data_end fields load as pointers (the verifier converts the access).
    private static bool IsPacketPointerLoad(Instr load) =>
        load.Type is IrType.PacketPtr or IrType.PacketEnd && load.Operands[0].Type == IrType.CtxPtr && load.Size == 4;

    // data + N <= data_end: a packet pointer against the packet end is the one mixed-type compare.
    private static bool IsPacketBoundsCompare(Instr cmp) =>
        (cmp.Operands[0].Type, cmp.Operands[1].Type) is (IrType.PacketPtr, IrType.PacketEnd) or (IrType.PacketEnd, IrType.PacketPtr);

    // A map lookup's result against 0: the null check the verifier requires.
    private static bool IsNullCheck(Instr cmp) =>
        cmp.Operands[0].Type == IrType.MapValueOrNull && cmp.Operands[1] is Constant { Bits: 0 } && cmp.Cond is Cond.Eq or Cond.Ne;

    private static void CheckSsa(Function f, List<CheckerError<IrErrorKind>> errors)
    {
        var dom = DominatorTree.Compute(f);
        var position = new Dictionary<Instr, int>();
        foreach (var b in f.Blocks)
        {
            for (var k = 0; k < b.Instrs.Count; k++)
            {
                position[b.Instrs[k]] = k;
            }
        }
        foreach (var b in f.Blocks.Where(dom.IsReachable))
        {
            foreach (var use in b.Instrs)
            {
                for (var k = 0; k < use.Operands.Count; k++)
                {
                    if (use.Operands[k] is not Instr def)
                    {
                        continue;
                    }
                    var at = use.Op == Op.Phi ? use.PhiBlocks[k] : b;
                    var ok = use.Op == Op.Phi
                        ? dom.Dominates(def.Block!, at)
                        : def.Block == b ? position[def] < position[use] : dom.Dominates(def.Block!, b);
                    if (!ok)
                    {
                        errors.Add(new(IrErrorKind.NotDominated, $"block {b}", $"{use.Op.ToString().ToLowerInvariant()} uses a value defined in {def.Block} that does not dominate {(use.Op == Op.Phi ? "the incoming edge from " + at : "the use")}"));
                    }
                }
            }
        }
    }
}
