using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Frontend.Kernel;

/// <summary>
/// A deliberately naive IR-to-eBPF translator for the front end's kernel tests, so lowered IR can
/// meet the verifier and run before the real back end exists: every SSA value lives in its own
/// 8-byte stack slot, each instruction loads its operands into r1/r2, computes, and stores the
/// result; the context stays in r6; phis are copied on each edge through registers (so their
/// reads are simultaneous). Readability over speed; not the product's code generator.
/// Limits: 64 values (512 bytes of stack), 8 phis per block, no calls, ctx loads only.
/// </summary>
internal sealed class StackCodegen
{
    private static readonly Reg[] s_phiRegs = [Reg.R0, Reg.R1, Reg.R2, Reg.R3, Reg.R4, Reg.R5, Reg.R7, Reg.R8];

    private readonly List<Insn> _code = [];
    private readonly Dictionary<Instr, short> _slots = [];
    private readonly Dictionary<Block, int> _starts = [];
    private readonly List<(int At, Block Target)> _fixups = [];

    private StackCodegen()
    {
    }

    /// <summary>The instructions for <paramref name="function"/> (one ctx parameter, i64 result).</summary>
    public static Insn[] Generate(Function function)
    {
        var gen = new StackCodegen();
        foreach (var instr in function.AllInstrs().Where(i => i.Type is IrType.I32 or IrType.I64))
        {
            if (gen._slots.Count == 64)
            {
                throw new NotSupportedException("more than 64 values: too big for the test code generator");
            }
            gen._slots[instr] = (short)(-8 * (gen._slots.Count + 1));
        }
        gen._code.Add(Insn.Mov(Reg.R6, Reg.R1));
        var order = BlockOrder.ReversePostOrder(function);
        foreach (var block in order)
        {
            gen._starts[block] = gen._code.Count;
            foreach (var instr in block.Instrs.Where(i => i.Op is not (Op.Phi or Op.Cmp)))
            {
                gen.Emit(instr);
            }
        }
        foreach (var (at, target) in gen._fixups)
        {
            var jump = gen._code[at];
            gen._code[at] = jump.WithOffset((short)(gen._starts[target] - at - 1));
        }
        return [.. gen._code];
    }

    private void Emit(Instr i)
    {
        switch (i.Op)
        {
            case >= Op.Add and <= Op.AShr:
                Fetch(Reg.R1, i.Operands[0]);
                Fetch(Reg.R2, i.Operands[1]);
                _code.Add(i.Type == IrType.I64 ? Alu64(i.Op) : Alu32(i.Op));
                Keep(i);
                break;
            case Op.Neg or Op.Not or Op.ZExt or Op.SExt or Op.Trunc or Op.SExtIn:
                Fetch(Reg.R1, i.Operands[0]);
                _code.Add(i.Op switch
                {
                    Op.Neg => i.Type == IrType.I64 ? Insn.Neg(Reg.R1) : Insn.Neg32(Reg.R1),
                    Op.Not => i.Type == IrType.I64 ? Insn.Alu(AluOp.Xor, Reg.R1, -1) : Insn.Alu32(AluOp.Xor, Reg.R1, -1),
                    Op.ZExt or Op.Trunc => Insn.Mov32(Reg.R1, Reg.R1),
                    Op.SExt => Insn.MovSx(Reg.R1, Reg.R1, 32),
                    _ => i.Type == IrType.I64 ? Insn.MovSx(Reg.R1, Reg.R1, (int)i.Imm) : Insn.MovSx32(Reg.R1, Reg.R1, (int)i.Imm),
                });
                Keep(i);
                break;
            case Op.Load when i.Operands[0] is Param:
                _code.Add(Insn.Ldx(i.Size switch { 1 => Size.Byte, 2 => Size.Half, 4 => Size.Word, _ => Size.DWord }, Reg.R1, Reg.R6, (short)i.Imm));
                Keep(i);
                break;
            case Op.Br:
                Jump(i.Block!, i.Targets[0]);
                break;
            case Op.CondBr:
                var cmp = (Instr)i.Operands[0];
                Fetch(Reg.R1, cmp.Operands[0]);
                Fetch(Reg.R2, cmp.Operands[1]);
                var at = _code.Count;
                var op = Jump(cmp.Cond);
                _code.Add(cmp.Operands[0].Type == IrType.I64 ? Insn.Jmp(op, Reg.R1, Reg.R2, 0) : Insn.Jmp32(op, Reg.R1, Reg.R2, 0));
                Jump(i.Block!, i.Targets[1]);
                _code[at] = _code[at].WithOffset((short)(_code.Count - at - 1));
                Jump(i.Block!, i.Targets[0]);
                break;
            case Op.Ret:
                Fetch(Reg.R0, i.Operands[0]);
                _code.Add(Insn.Exit());
                break;
            default:
                throw new NotSupportedException($"the test code generator does not handle {i.Op}");
        }
    }

    // Copies the phis of `to` for the edge from `from`, then jumps.
    private void Jump(Block from, Block to)
    {
        var phis = to.Phis.ToList();
        if (phis.Count > s_phiRegs.Length)
        {
            throw new NotSupportedException("too many phis for the test code generator");
        }
        for (var k = 0; k < phis.Count; k++)
        {
            Fetch(s_phiRegs[k], phis[k].IncomingFrom(from));
        }
        for (var k = 0; k < phis.Count; k++)
        {
            _code.Add(Insn.Stx(Size.DWord, Reg.R10, _slots[phis[k]], s_phiRegs[k]));
        }
        _fixups.Add((_code.Count, to));
        _code.Add(Insn.Ja(0));
    }

    private void Fetch(Reg reg, Value v)
    {
        switch (v)
        {
            case Constant c when c.Type == IrType.I32:
                _code.Add(Insn.Mov32(reg, (int)c.Bits));
                break;
            case Constant c when c.Bits is >= int.MinValue and <= int.MaxValue:
                _code.Add(Insn.Mov(reg, (int)c.Bits));
                break;
            case Constant c:
                _code.AddRange(Insn.LdImm64(reg, c.Bits));
                break;
            case Instr instr:
                _code.Add(Insn.Ldx(Size.DWord, reg, Reg.R10, _slots[instr]));
                break;
            default:
                throw new NotSupportedException($"operand {v}");
        }
    }

    private void Keep(Instr i) => _code.Add(Insn.Stx(Size.DWord, Reg.R10, _slots[i], Reg.R1));

    private static Insn Alu64(Op op) => op switch
    {
        Op.SDiv => Insn.SDiv(Reg.R1, Reg.R2),
        Op.SRem => Insn.SMod(Reg.R1, Reg.R2),
        _ => Insn.Alu(AluOpOf(op), Reg.R1, Reg.R2),
    };

    private static Insn Alu32(Op op) => op switch
    {
        Op.SDiv => Insn.SDiv32(Reg.R1, Reg.R2),
        Op.SRem => Insn.SMod32(Reg.R1, Reg.R2),
        _ => Insn.Alu32(AluOpOf(op), Reg.R1, Reg.R2),
    };

    private static AluOp AluOpOf(Op op) => op switch
    {
        Op.Add => AluOp.Add,
        Op.Sub => AluOp.Sub,
        Op.Mul => AluOp.Mul,
        Op.UDiv => AluOp.Div,
        Op.URem => AluOp.Mod,
        Op.And => AluOp.And,
        Op.Or => AluOp.Or,
        Op.Xor => AluOp.Xor,
        Op.Shl => AluOp.Lsh,
        Op.LShr => AluOp.Rsh,
        _ => AluOp.Arsh,
    };

    private static JmpOp Jump(Cond cond) => cond switch
    {
        Cond.Eq => JmpOp.Jeq,
        Cond.Ne => JmpOp.Jne,
        Cond.ULt => JmpOp.Jlt,
        Cond.ULe => JmpOp.Jle,
        Cond.UGt => JmpOp.Jgt,
        Cond.UGe => JmpOp.Jge,
        Cond.SLt => JmpOp.Jslt,
        Cond.SLe => JmpOp.Jsle,
        Cond.SGt => JmpOp.Jsgt,
        Cond.SGe => JmpOp.Jsge,
        Cond.Test => JmpOp.Jset,
        _ => throw new NotSupportedException($"condition {cond}"),
    };
}
