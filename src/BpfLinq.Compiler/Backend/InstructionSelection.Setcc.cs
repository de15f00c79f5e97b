using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// A compare whose only effect is a 0 or a 1 for a join ("b = x > 5" is a condbr to a block whose
// phi takes 1 on one edge and 0 on the other) is computed without a branch when that costs no more
// instructions than "w = 1; if x > 5 goto +1; w = 0" (eBPF has no setcc):
//   x >u y      (C - x) >> 63 in 64 bits, of zero-extended 32-bit operands: "w = C; r -= x; r >>= 63"
//   x <u y      (x - y) >> 63
//   a == b      a ^ b ^ 1, when both are such 0/1 values (and a != b is a ^ b)
// Besides being no longer, it keeps the verifier linear: each branch on a field splits the field's
// range, and a chain of them (the links of a == chain) multiplied the states it walks past a million
// instructions. Signed, 64-bit and pointer compares keep their branch.
internal sealed partial class InstructionSelection
{
    // True when the condbr of `block` on `a cond b` (a not constant) was selected as arithmetic
    // and a jump: both edges reach one block, passing equal arguments or 1/0 for the condition.
    private bool TrySelectBranchFree(Block block, Cond cond, Value a, Value b)
    {
        if (a.Type != IrType.I32 || (b.Type != IrType.I32 && !IsConstant(b)) || FinalTarget(block, 0) != FinalTarget(block, 1))
        {
            return false; // checked before building the edges: most branches fail here
        }
        var taken = Edge(block, 0);
        var other = Edge(block, 1);
        var needed = false;
        for (var k = 0; k < taken.Args.Length; k++)
        {
            var (t, f) = (taken.Args[k], other.Args[k]);
            if (t != f)
            {
                if (!IsFlag(t, f) || !CanSetcc(t.Imm == 1 ? cond : cond.Negate(), a, b))
                {
                    return false;
                }
                needed = true;
            }
        }
        if (!needed)
        {
            return false;
        }
        var args = new MachineOperand[taken.Args.Length];
        for (var k = 0; k < args.Length; k++)
        {
            var (t, f) = (taken.Args[k], other.Args[k]);
            args[k] = t == f ? t : MachineOperand.Of(Setcc(t.Imm == 1 ? cond : cond.Negate(), a, b));
        }
        Terminate(new MachineInstr(MachineOpcode.Jump, [], []) { Targets = [new BlockCall(taken.Target, args)], Source = _source });
        return true;
    }

    // The block an edge reaches past forwarders (as Edge resolves it).
    private Block FinalTarget(Block from, int index)
    {
        var target = from.Terminator!.Targets[index];
        for (var hops = 0; IsForwarder(target) && hops <= _function.Blocks.Count; hops++)
        {
            target = target.Instrs[0].Targets[0];
        }
        return target;
    }

    private static bool IsFlag(MachineOperand t, MachineOperand f) => t.IsImm && f.IsImm && t.Imm + f.Imm == 1 && (t.Imm == 0 || t.Imm == 1);

    private static bool CanSetcc(Cond cond, Value a, Value b)
    {
        var constant = TryConstant(b, out var c);
        return cond switch
        {
            Cond.UGt or Cond.ULt when !constant => true,
            Cond.UGt => true,
            Cond.ULt => c is > 0 and < int.MaxValue,
            Cond.UGe => c is > 0 and <= uint.MaxValue,
            Cond.ULe => constant && c < int.MaxValue - 1,
            Cond.Eq or Cond.Ne => IsFlag(a) && (constant ? c is 0 or 1 : IsFlag(b)),
            _ => false,
        };
    }

    // The 0/1 of `a cond b`, for a condition CanSetcc accepts.
    private VReg Setcc(Cond cond, Value a, Value b)
    {
        var constant = TryConstant(b, out var c);
        (cond, c) = cond switch
        {
            Cond.UGe => (Cond.UGt, c - 1), // x >= C is x > C - 1, for C > 0
            Cond.ULe => (Cond.ULt, c + 1), // x <= C is x < C + 1, for C + 1 in an immediate
            _ => (cond, c),
        };
        switch (cond)
        {
            case Cond.UGt when constant:
            {
                var bound = _machine.NewVReg(IrType.I64);
                Emit(new MachineInstr(MachineOpcode.MovImm, [bound], []) { Imm = c, Source = _source });
                return SignBit(Alu(AluOp.Sub, bound, Register(a), 0, is32: false));
            }
            case Cond.UGt:
                return SignBit(Alu(AluOp.Sub, Register(b), Register(a), 0, is32: false));
            case Cond.ULt:
                return SignBit(Alu(AluOp.Sub, Register(a), constant ? null : Register(b), c, is32: false));
            default:
            {
                // Eq or Ne of two flags: a ^ b is 1 where they differ.
                var negate = cond == Cond.Eq;
                if (constant)
                {
                    negate ^= c == 1;
                    return negate ? Alu(AluOp.Xor, Register(a), null, 1, is32: true) : Register(a);
                }
                var differ = Alu(AluOp.Xor, Register(a), Register(b), 0, is32: true);
                return negate ? Alu(AluOp.Xor, differ, null, 1, is32: true) : differ;
            }
        }
    }

    private VReg SignBit(VReg difference) => Alu(AluOp.Rsh, difference, null, 63, is32: false);

    private VReg Alu(AluOp op, VReg left, VReg? right, long imm, bool is32)
    {
        var result = _machine.NewVReg(is32 ? IrType.I32 : IrType.I64);
        Emit(right is { } r
            ? new MachineInstr(MachineOpcode.Alu, [result], [left, r]) { AluOp = op, Is32 = is32, Source = _source }
            : new MachineInstr(MachineOpcode.Alu, [result], [left]) { AluOp = op, Is32 = is32, HasImm = true, Imm = imm, Source = _source });
        return result;
    }

    // A value that is 0 or 1: an i32 phi of those constants (a materialised condition).
    private static bool IsFlag(Value v) =>
        v is Instr { Op: Op.Phi, Type: IrType.I32 } phi && phi.Operands.All(o => o is Constant { Bits: 0 or 1 });
}
