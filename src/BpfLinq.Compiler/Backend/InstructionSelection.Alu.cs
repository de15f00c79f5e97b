using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// Arithmetic and conversions. i32 operations use ALU32 (which zeroes the upper half, keeping the
// i32 invariant); i64 ones ALU64.
internal sealed partial class InstructionSelection
{
    private void LowerBinary(Instr instr)
    {
        var is32 = instr.Type == IrType.I32;
        var width = is32 ? 32 : 64;
        Value a = instr.Operands[0], b = instr.Operands[1];
        var op = instr.Op;
        if (TryConstant(a, out var ca) && TryConstant(b, out var cb))
        {
            // The middle folds these; selecting them anyway keeps the backend total.
            DefineConstant(instr, IrArithmetic.Binary(op, instr.Type, Canonical(instr.Type, ca), Canonical(instr.Type, cb)));
            return;
        }
        if (instr.Info.IsCommutative && IsConstant(a) && !IsConstant(b))
        {
            (a, b) = (b, a);
        }
        if (TryConstant(b, out var imm))
        {
            var divisor = Canonical(instr.Type, imm);
            switch (op)
            {
                case Op.UDiv or Op.SDiv when divisor == 0:
                    DefineConstant(instr, 0); // x / 0 == 0
                    return;
                case Op.URem or Op.SRem when divisor == 0:
                    Alias(instr, a); // x % 0 == x
                    return;
                case Op.Shl or Op.LShr or Op.AShr:
                    // The verifier rejects a constant count outside [0, width); the IR masks it.
                    if ((divisor & (width - 1)) == 0)
                    {
                        Alias(instr, a);
                        return;
                    }
                    break;
                case Op.And when !is32 && divisor == 0xffffffff:
                    Emit(new MachineInstr(MachineOpcode.Truncate, [Define(instr)], [Register(a)]) { Source = _source });
                    return;
            }
        }
        if (op == Op.Sub && TryConstant(a, out var zero) && zero == 0)
        {
            Emit(new MachineInstr(MachineOpcode.Neg, [Define(instr)], [Register(b)]) { Is32 = is32, Source = _source });
            return;
        }
        var left = Register(a);
        var (aluOp, signed) = AluOpOf(op);
        if (TryConstant(b, out var bits)
            && (op is Op.Shl or Op.LShr or Op.AShr ? bits & (width - 1) : bits) is var value
            && (is32 || FitsImm64(value)))
        {
            Emit(new MachineInstr(MachineOpcode.Alu, [Define(instr)], [left])
            {
                AluOp = aluOp, IsSigned = signed, Is32 = is32, HasImm = true, Imm = is32 ? (int)value : value, Source = _source,
            });
            return;
        }
        var right = Register(b);
        Emit(new MachineInstr(MachineOpcode.Alu, [Define(instr)], [left, right]) { AluOp = aluOp, IsSigned = signed, Is32 = is32, Source = _source });
    }

    private void LowerUnary(Instr instr)
    {
        var a = instr.Operands[0];
        var is32 = instr.Type == IrType.I32;
        if (instr.Op != Op.ZExt && TryConstant(a, out var bits))
        {
            DefineConstant(instr, IrArithmetic.Unary(instr.Op, instr.Type, Canonical(a.Type, bits), instr.Imm));
            return;
        }
        switch (instr.Op)
        {
            case Op.ZExt:
                if (!TryConstant(a, out _))
                {
                    Alias(instr, a); // the upper half of an i32 register is already zero
                }
                break;
            case Op.Trunc when KnownUpperZero(a):
                Alias(instr, a);
                break;
            case Op.Trunc:
                Emit(new MachineInstr(MachineOpcode.Truncate, [Define(instr)], [Register(a)]) { Source = _source });
                break;
            case Op.Neg:
                Emit(new MachineInstr(MachineOpcode.Neg, [Define(instr)], [Register(a)]) { Is32 = is32, Source = _source });
                break;
            case Op.Not:
                Emit(new MachineInstr(MachineOpcode.Alu, [Define(instr)], [Register(a)])
                {
                    AluOp = AluOp.Xor, Is32 = is32, HasImm = true, Imm = -1, Source = _source,
                });
                break;
            case Op.SExt:
                Emit(new MachineInstr(MachineOpcode.MovSx, [Define(instr)], [Register(a)]) { Bits = 32, Source = _source });
                break;
            case Op.SExtIn:
                Emit(new MachineInstr(MachineOpcode.MovSx, [Define(instr)], [Register(a)]) { Bits = (int)instr.Imm, Is32 = is32, Source = _source });
                break;
            case Op.ByteSwap:
                Emit(new MachineInstr(MachineOpcode.ByteSwap, [Define(instr)], [Register(a)]) { Bits = (int)instr.Imm, Source = _source });
                break;
        }
    }

    // The value's register is the operand's register (zext, trunc of a zero-extended value, x % 0).
    private void Alias(Instr instr, Value value)
    {
        if (TryConstant(value, out var bits))
        {
            DefineConstant(instr, Canonical(value.Type, bits));
        }
        else
        {
            _registers.Add(instr, Register(value));
        }
    }

    // A value folded to a constant that still needs a register (all its users expect one).
    private void DefineConstant(Instr instr, long canonical)
    {
        var pattern = instr.Type == IrType.I32 ? (uint)canonical : canonical;
        Emit(new MachineInstr(MachineOpcode.MovImm, [Define(instr)], []) { Imm = pattern, Source = _source });
    }

    // True when an i64 value's upper 32 bits are zero whatever its inputs.
    private static bool KnownUpperZero(Value v) => v switch
    {
        Constant c => (ulong)c.Bits <= uint.MaxValue,
        Instr { Op: Op.ZExt } => true,
        Instr { Op: Op.Load, Signed: false, Size: <= 4 } => true,
        Instr { Op: Op.ByteSwap, Imm: 16 or 32 } => true,
        Instr { Op: Op.LShr } i when i.Operands[1] is Constant { Bits: var n } && (n & 63) >= 32 => true,
        Instr { Op: Op.And } i => i.Operands.Any(o => o is Constant c && (ulong)c.Bits <= uint.MaxValue),
        _ => false,
    };

    private static bool IsConstant(Value v) => TryConstant(v, out _);

    private static long Canonical(IrType type, long pattern) => IrArithmetic.Canonical(type, pattern);

    private static (AluOp Op, bool Signed) AluOpOf(Op op) => op switch
    {
        Op.Add => (AluOp.Add, false),
        Op.Sub => (AluOp.Sub, false),
        Op.Mul => (AluOp.Mul, false),
        Op.UDiv => (AluOp.Div, false),
        Op.SDiv => (AluOp.Div, true),
        Op.URem => (AluOp.Mod, false),
        Op.SRem => (AluOp.Mod, true),
        Op.And => (AluOp.And, false),
        Op.Or => (AluOp.Or, false),
        Op.Xor => (AluOp.Xor, false),
        Op.Shl => (AluOp.Lsh, false),
        Op.LShr => (AluOp.Rsh, false),
        Op.AShr => (AluOp.Arsh, false),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary arithmetic op"),
    };
}
