using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// Branches, return, calls and parameters: where the calling convention pins values to physical
// registers. Each pinned value goes through a copy (%v = copy r1, r1 = copy %v, ...) that the
// allocator coalesces away when it can, so the convention is expressed once, here.
internal sealed partial class InstructionSelection
{
    private void LowerParams()
    {
        _machine.ParamCount = _function.Params.Count;
        foreach (var p in _function.Params)
        {
            var reg = _machine.NewVReg(p.Type);
            _registers.Add(p, reg);
            Emit(new MachineInstr(MachineOpcode.Copy, [reg], [VReg.Physical(CallingConvention.Argument(p.Index))]));
        }
    }

    private void LowerCondBr(Instr instr)
    {
        var block = instr.Block!;
        var condition = instr.Operands[0];
        if (condition is Constant c)
        {
            Terminate(new MachineInstr(MachineOpcode.Jump, [], []) { Targets = [Edge(block, c.Bits != 0 ? 0 : 1)], Source = _source });
            return;
        }
        if (condition is not Instr { Op: Op.Cmp } cmp)
        {
            throw new InternalCompilerError("instruction selection", _function.Name, $"condbr on {condition}, which is not a cmp", _function.ToString());
        }
        _source = cmp.Source ?? instr.Source;
        Value a = cmp.Operands[0], b = cmp.Operands[1];
        var cond = cmp.Cond;
        var (onTrue, onFalse) = (0, 1);
        if (TryConstant(a, out var ca) && TryConstant(b, out var cb))
        {
            var taken = IrArithmetic.Compare(cond, a.Type, Canonical(a.Type, ca), Canonical(b.Type, cb));
            Terminate(new MachineInstr(MachineOpcode.Jump, [], []) { Targets = [Edge(block, taken ? 0 : 1)], Source = _source });
            return;
        }
        if (TryConstant(a, out _))
        {
            (a, b) = (b, a);
            cond = cond.Swap();
        }
        if (TrySelectBranchFree(block, cond, a, b))
        {
            return;
        }
        if (cond == Cond.NotTest)
        {
            cond = Cond.Test; // no "jump if (a & b) == 0": jump on the other edge
            (onTrue, onFalse) = (1, 0);
        }
        var is32 = a.Type == IrType.I32;
        var left = Register(a);
        MachineInstr branch;
        if (TryConstant(b, out var bits) && (is32 || FitsImm64(bits)))
        {
            branch = new MachineInstr(MachineOpcode.Branch, [], [left])
            {
                JmpOp = JmpOpOf(cond), Is32 = is32, HasImm = true, Imm = is32 ? (int)bits : bits,
                Targets = [Edge(block, onTrue), Edge(block, onFalse)], Source = _source,
            };
        }
        else
        {
            var right = Register(b);
            branch = new MachineInstr(MachineOpcode.Branch, [], [left, right])
            {
                JmpOp = JmpOpOf(cond), Is32 = is32, Targets = [Edge(block, onTrue), Edge(block, onFalse)], Source = _source,
            };
        }
        Terminate(branch);
    }

    private void LowerRet(Instr instr)
    {
        var r0 = VReg.Physical(CallingConvention.Result);
        var value = instr.Operands[0];
        if (TryConstant(value, out var bits))
        {
            Emit(new MachineInstr(MachineOpcode.MovImm, [r0], []) { Imm = bits, Source = _source });
        }
        else
        {
            Emit(new MachineInstr(MachineOpcode.Copy, [r0], [Register(value)]) { Source = _source });
        }
        Terminate(new MachineInstr(MachineOpcode.Exit, [], [r0]) { Source = _source });
    }

    // A helper call when symbol is null, else a call of the kfunc or function it names.
    private void LowerCall(Instr instr, SymbolRef? symbol)
    {
        var args = instr.Operands;
        if (args.Count > CallingConvention.MaxArguments)
        {
            throw new InternalCompilerError("instruction selection", _function.Name, $"call of helper {instr.Imm} with {args.Count} arguments", _function.ToString());
        }
        var uses = new VReg[args.Count];
        // Registers first, constants last: a constant written early would make the later copies'
        // sources interfere with its argument register for nothing.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var k = 0; k < args.Count; k++)
            {
                var reg = VReg.Physical(CallingConvention.Argument(k));
                uses[k] = reg;
                var isConstant = TryConstant(args[k], out var bits);
                if (isConstant != (pass == 1))
                {
                    continue;
                }
                Emit(isConstant
                    ? new MachineInstr(MachineOpcode.MovImm, [reg], []) { Imm = bits, Source = _source }
                    : new MachineInstr(MachineOpcode.Copy, [reg], [Register(args[k])]) { Source = _source });
            }
        }
        var r0 = VReg.Physical(CallingConvention.Result);
        Emit(new MachineInstr(MachineOpcode.Call, [r0], uses) { Imm = symbol is null ? instr.Imm : 0, Symbol = symbol, Source = _source });
        if (_hasUsers.Contains(instr))
        {
            Emit(new MachineInstr(MachineOpcode.Copy, [Define(instr)], [r0]) { Source = _source });
        }
    }

    private static JmpOp JmpOpOf(Cond cond) => cond switch
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
        _ => throw new ArgumentOutOfRangeException(nameof(cond), cond, "NotTest is selected as jset with its targets exchanged"),
    };
}
