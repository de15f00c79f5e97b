using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// Loads, stores and pointer arithmetic. Addresses fold: load(ptradd(ptradd(p, 8), 4)) reads
// *(p + 12) with one instruction. The kernel insists on this for the context (it rejects a load
// through a modified ctx pointer), so a ptradd gets a register only when something other than a
// memory access or another ptradd uses it.
internal sealed partial class InstructionSelection
{
    private void LowerPtrAdd(Instr instr)
    {
        if (!AddressNeedsRegister(instr))
        {
            return; // every user folds it
        }
        if (FrameOffset(instr, 0) is { } frameOffset)
        {
            Emit(new MachineInstr(MachineOpcode.FrameAddress, [Define(instr)], []) { Imm = frameOffset, Source = _source });
            return;
        }
        var (baseReg, offset) = Address(instr.Operands[0], 0);
        if (TryConstant(instr.Operands[1], out var c))
        {
            offset += c;
            if (offset == 0)
            {
                _registers.Add(instr, baseReg);
                return;
            }
            Emit(AddImmediate(Define(instr), baseReg, offset));
            return;
        }
        if (offset != 0)
        {
            var t = _machine.NewVReg(instr.Type);
            Emit(AddImmediate(t, baseReg, offset));
            baseReg = t;
        }
        Emit(new MachineInstr(MachineOpcode.Alu, [Define(instr)], [baseReg, Register(instr.Operands[1])]) { AluOp = AluOp.Add, Source = _source });
    }

    private void LowerLoad(Instr instr)
    {
        var size = SizeOf(instr.Size);
        if (FrameOffset(instr.Operands[0], instr.Imm) is { } frameOffset)
        {
            Emit(new MachineInstr(MachineOpcode.Load, [Define(instr)], []) { Size = size, Offset = frameOffset, FrameBase = true, Source = _source });
            return;
        }
        var (baseReg, offset) = MemoryOperand(instr.Operands[0], instr.Imm);
        if (instr.Signed && instr.Size < 8 && instr.Type == IrType.I32 && instr.Size < 4)
        {
            // ldxsb/ldxsh sign-extend to 64 bits, but an i32 register must have a zero upper
            // half: load zero-extended, then sign-extend within 32 bits (movsx32 zeroes the rest).
            var t = _machine.NewVReg(IrType.I32);
            Emit(new MachineInstr(MachineOpcode.Load, [t], [baseReg]) { Size = size, Offset = offset, Source = _source });
            Emit(new MachineInstr(MachineOpcode.MovSx, [Define(instr)], [t]) { Bits = instr.Size * 8, Is32 = true, Source = _source });
            return;
        }
        var signed = instr.Signed && instr.Size < 8 && instr.Type == IrType.I64;
        Emit(new MachineInstr(MachineOpcode.Load, [Define(instr)], [baseReg]) { Size = size, Offset = offset, IsSigned = signed, Source = _source });
    }

    private void LowerStore(Instr instr)
    {
        var size = SizeOf(instr.Size);
        var value = instr.Operands[1];
        if (FrameOffset(instr.Operands[0], instr.Imm) is { } frameOffset)
        {
            // Into a stack buffer: through r10 (Uses holds only the value, if any).
            var immediate = TryConstant(value, out var constant) && (instr.Size < 8 || FitsImm64(constant));
            Emit(new MachineInstr(MachineOpcode.Store, [], immediate ? [] : [Register(value)])
            {
                Size = size, Offset = frameOffset, FrameBase = true, HasImm = immediate, Imm = immediate ? (int)constant : 0, Source = _source,
            });
            return;
        }
        var (baseReg, offset) = MemoryOperand(instr.Operands[0], instr.Imm);
        // A store of an immediate truncates it to the size, or sign-extends it for 8 bytes.
        if (TryConstant(value, out var bits) && (instr.Size < 8 || FitsImm64(bits)))
        {
            Emit(new MachineInstr(MachineOpcode.Store, [], [baseReg]) { Size = size, Offset = offset, HasImm = true, Imm = (int)bits, Source = _source });
            return;
        }
        Emit(new MachineInstr(MachineOpcode.Store, [], [baseReg, Register(value)]) { Size = size, Offset = offset, Source = _source });
    }

    // The r10 displacement of an access at pointer + offset when the pointer is a stack buffer
    // (plus constants), else null.
    private short? FrameOffset(Value pointer, long offset)
    {
        while (pointer is Instr { Op: Op.PtrAdd } p && TryConstant(p.Operands[1], out var c))
        {
            offset += c;
            pointer = p.Operands[0];
        }
        return pointer is Instr { Op: Op.StackSlot } slot ? (short)(_stackBuffers[slot] + offset) : null;
    }

    // Base register and displacement for an access at pointer + offset, when the displacement fits.
    private (VReg Base, short Offset) MemoryOperand(Value pointer, long offset)
    {
        var (baseReg, total) = Address(pointer, offset);
        if (total == (short)total)
        {
            return (baseReg, (short)total);
        }
        var t = _machine.NewVReg(pointer.Type);
        Emit(AddImmediate(t, baseReg, total));
        return (t, 0);
    }

    // Walks constant ptradds down to a register: pointer + offset == base + total.
    private (VReg Base, long Total) Address(Value pointer, long offset)
    {
        while (pointer is Instr { Op: Op.PtrAdd } p && TryConstant(p.Operands[1], out var c))
        {
            offset += c;
            pointer = p.Operands[0];
        }
        return (Register(pointer), offset);
    }

    private MachineInstr AddImmediate(VReg def, VReg baseReg, long offset)
    {
        if (FitsImm64(offset))
        {
            return new MachineInstr(MachineOpcode.Alu, [def], [baseReg]) { AluOp = AluOp.Add, HasImm = true, Imm = offset, Source = _source };
        }
        var k = _machine.NewVReg(IrType.I64);
        Emit(new MachineInstr(MachineOpcode.MovImm, [k], []) { Imm = offset, Source = _source });
        return new MachineInstr(MachineOpcode.Alu, [def], [baseReg, k]) { AluOp = AluOp.Add, Source = _source };
    }

    // A constant-offset ptradd needs a register only for users that do not fold it.
    private bool AddressNeedsRegister(Instr ptrAdd) =>
        !TryConstant(ptrAdd.Operands[1], out _) || _addressesNeedingRegister.Contains(ptrAdd);

    // Records the ptradds some user cannot fold: anything but the pointer operand of a load, a
    // store or another ptradd.
    private void NoteAddressUses(Instr user)
    {
        for (var k = 0; k < user.Operands.Count; k++)
        {
            if (user.Operands[k] is Instr { Op: Op.PtrAdd } p
                && !(k == 0 && user.Op is Op.Load or Op.Store or Op.PtrAdd or Op.AtomicAdd))
            {
                _addressesNeedingRegister.Add(p);
            }
        }
    }

    private static Size SizeOf(int bytes) => bytes switch
    {
        1 => Size.Byte,
        2 => Size.Half,
        4 => Size.Word,
        _ => Size.DWord,
    };
}
