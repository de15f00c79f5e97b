using BpfLinq.Compiler.Backend.RegisterAllocation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

/// <summary>
/// Turns allocated machine instructions and inserted moves into <see cref="Insn"/> slots: the only
/// place that knows each opcode's encoding. A copy between one register and itself disappears; a
/// tied operation whose result landed elsewhere is preceded by a copy of its first source.
/// </summary>
internal sealed class InstructionEncoder(FrameLayout frame, List<AsmItem> output)
{
    /// <summary>Encodes a non-terminator instruction whose operands are at <paramref name="defs"/> and <paramref name="uses"/>.</summary>
    public void Instruction(MachineInstr i, Location[] defs, Location[] uses)
    {
        var s = i.Source;
        Reg D() => defs[0].Reg;
        Reg U(int k) => uses[k].Reg;
        switch (i.Opcode)
        {
            case MachineOpcode.Copy:
                if (D() != U(0))
                {
                    Add(Insn.Mov(D(), U(0)), s);
                }
                break;
            case MachineOpcode.MovImm:
                Constant(D(), i.Imm, s);
                break;
            case MachineOpcode.Alu when i.IsCommutative && D() != U(0) && D() == U(1):
                Add(Alu(i, D(), U(0)), s); // b op a == a op b, and the result already holds b
                break;
            case MachineOpcode.Alu:
                Tie(D(), U(0), s);
                Add(Alu(i, D(), i.HasImm ? null : U(1)), s);
                break;
            case MachineOpcode.Neg:
                Tie(D(), U(0), s);
                Add(i.Is32 ? Insn.Neg32(D()) : Insn.Neg(D()), s);
                break;
            case MachineOpcode.ByteSwap:
                Tie(D(), U(0), s);
                Add(Insn.ToBe(D(), i.Bits), s);
                break;
            case MachineOpcode.MovSx:
                Add(i.Is32 ? Insn.MovSx32(D(), U(0), i.Bits) : Insn.MovSx(D(), U(0), i.Bits), s);
                break;
            case MachineOpcode.Truncate:
                Add(Insn.Mov32(D(), U(0)), s);
                break;
            case MachineOpcode.Load:
            {
                var from = i.FrameBase ? Reg.R10 : U(0);
                Add(i.IsSigned ? Insn.LdxSx(i.Size, D(), from, i.Offset) : Insn.Ldx(i.Size, D(), from, i.Offset), s);
                break;
            }
            case MachineOpcode.FrameAddress:
                Add(Insn.Mov(D(), Reg.R10), s);
                Add(Insn.Add(D(), (int)i.Imm), s);
                break;
            case MachineOpcode.Store when i.FrameBase:
                Add(i.HasImm ? Insn.St(i.Size, Reg.R10, i.Offset, (int)i.Imm) : Insn.Stx(i.Size, Reg.R10, i.Offset, U(0)), s);
                break;
            case MachineOpcode.Store:
                Add(i.HasImm ? Insn.St(i.Size, U(0), i.Offset, (int)i.Imm) : Insn.Stx(i.Size, U(0), i.Offset, U(1)), s);
                break;
            case MachineOpcode.AtomicAdd:
                Add(Insn.AtomicAdd(i.Size, U(0), i.Offset, U(1)), s);
                break;
            case MachineOpcode.LoadPseudo when i.Symbol is { } symbol:
            {
                // The immediate stays unset: ProgramLinker fills it in from the reference.
                var pair = symbol.Kind switch
                {
                    RelocationKind.Map => Insn.LdMapIdx(D(), 0),
                    RelocationKind.MapValue => Insn.LdMapIdxValue(D(), 0, i.Imm2),
                    RelocationKind.FunctionAddress => Insn.LdFunc(D(), 0),
                    _ => throw new InternalCompilerError($"an ld_imm64 cannot refer to a {symbol.Kind}"),
                };
                output.Add(new AsmItem(AsmItemKind.Wide, pair.First, pair.Second, -1, s) { Reference = symbol });
                break;
            }
            case MachineOpcode.Call when i.Symbol is { } callee:
            {
                var call = callee.Kind switch
                {
                    RelocationKind.KfuncCall => Insn.CallKfunc(0),
                    RelocationKind.LocalCall => Insn.CallLocal(0),
                    _ => throw new InternalCompilerError($"a call cannot refer to a {callee.Kind}"),
                };
                output.Add(AsmItem.Plain(call, s) with { Reference = callee });
                break;
            }
            case MachineOpcode.Call:
                Add(Insn.CallHelper((int)i.Imm), s);
                break;
            default:
                throw new InternalCompilerError($"{i.Opcode} is a terminator, not a body instruction");
        }
    }

    /// <summary>Encodes inserted moves.</summary>
    public void Moves(IEnumerable<MoveStep> steps, SourceRef? source)
    {
        foreach (var m in steps)
        {
            Move(m, source);
        }
    }

    /// <summary>Encodes one move.</summary>
    public void Move(MoveStep m, SourceRef? source)
    {
        switch (m.Destination.Kind, m.Source.Kind)
        {
            case (LocationKind.Register, LocationKind.Register):
                if (m.Destination.Reg != m.Source.Reg)
                {
                    Add(Insn.Mov(m.Destination.Reg, m.Source.Reg), source);
                }
                break;
            case (LocationKind.Register, LocationKind.Slot):
                Add(Insn.Ldx(Size.DWord, m.Destination.Reg, Reg.R10, frame.OffsetOf(m.Source.SlotIndex)), source);
                break;
            case (LocationKind.Register, LocationKind.Constant):
                Constant(m.Destination.Reg, m.Source.Value, source);
                break;
            case (LocationKind.Slot, LocationKind.Register):
                Add(Insn.Stx(Size.DWord, Reg.R10, frame.OffsetOf(m.Destination.SlotIndex), m.Source.Reg), source);
                break;
            case (LocationKind.Slot, LocationKind.Constant) when m.Source.Value == (int)m.Source.Value:
                Add(Insn.St(Size.DWord, Reg.R10, frame.OffsetOf(m.Destination.SlotIndex), (int)m.Source.Value), source);
                break;
            default:
                throw new InternalCompilerError($"move {m} has no single-instruction encoding");
        }
    }

    /// <summary>
    /// Sets a register to an exact 64-bit pattern with the shortest encoding: <c>w = imm</c> when
    /// the upper half is zero (mov32 zero-extends: 0xffffffff is <c>w0 = -1</c>), <c>r = imm</c>
    /// when it sign-extends from 32 bits, else the 16-byte <c>r = imm ll</c>.
    /// </summary>
    public void Constant(Reg reg, long bits, SourceRef? source)
    {
        if ((ulong)bits <= uint.MaxValue)
        {
            Add(Insn.Mov32(reg, (int)bits), source);
        }
        else if (bits == (int)bits)
        {
            Add(Insn.Mov(reg, (int)bits), source);
        }
        else
        {
            var pair = Insn.LdImm64(reg, bits);
            output.Add(new AsmItem(AsmItemKind.Wide, pair.First, pair.Second, -1, source));
        }
    }

    private void Tie(Reg def, Reg first, SourceRef? source)
    {
        if (def != first)
        {
            Add(Insn.Mov(def, first), source);
        }
    }

    private static Insn Alu(MachineInstr i, Reg dst, Reg? src)
    {
        var imm = (int)i.Imm;
        if (i.IsSigned)
        {
            return (i.AluOp, i.Is32, src) switch
            {
                (AluOp.Div, false, null) => Insn.SDiv(dst, imm),
                (AluOp.Div, false, { } r) => Insn.SDiv(dst, r),
                (AluOp.Div, true, null) => Insn.SDiv32(dst, imm),
                (AluOp.Div, true, { } r) => Insn.SDiv32(dst, r),
                (AluOp.Mod, false, null) => Insn.SMod(dst, imm),
                (AluOp.Mod, false, { } r) => Insn.SMod(dst, r),
                (AluOp.Mod, true, null) => Insn.SMod32(dst, imm),
                (AluOp.Mod, true, { } r) => Insn.SMod32(dst, r),
                _ => throw new InternalCompilerError($"signed {i.AluOp} does not exist"),
            };
        }
        return (i.Is32, src) switch
        {
            (false, null) => Insn.Alu(i.AluOp, dst, imm),
            (false, { } r) => Insn.Alu(i.AluOp, dst, r),
            (true, null) => Insn.Alu32(i.AluOp, dst, imm),
            (true, { } r) => Insn.Alu32(i.AluOp, dst, r),
        };
    }

    private void Add(Insn insn, SourceRef? source) => output.Add(AsmItem.Plain(insn, source));
}
