using BpfLinq.Compiler.Analysis;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Graphs;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Backend;

// Instruction selection: SSA IR -> MachineFunction (eBPF instructions on virtual registers).
//
// A macro-expansion over the IR, one IR instruction at a time, with a few patterns folded into
// their users (the Go and Cranelift lowering idea, without a rule DSL):
//   * constants are never values of their own: an operand that fits an instruction's immediate
//     becomes the immediate (ALU32/JMP32: any i32; ALU64/JMP: an i64 that sign-extends from 32
//     bits), anything else is materialised right before its use (so constants never occupy a
//     register across other code and never need spilling);
//   * a cmp is never computed: the condbr using it becomes one conditional jump (operands swapped
//     so that a constant lands in the immediate; NotTest becomes jset with the targets exchanged);
//   * ptradd(p, const) chains fold into the offset of the loads and stores that use them (the
//     verifier rejects arithmetic on the context pointer, so this is also a correctness rule);
//   * zext i32 -> i64 is free (an i32 register has a zero upper half), and so is trunc of an i64
//     whose upper half is known to be zero;
//   * blocks that only jump (no phis, one br) are skipped: their predecessors branch straight to
//     the final target and pass the phi operands the skipped block would have passed, which turns
//     "b1: br b3" diamonds into critical edges whose moves the allocator can speculate.
// Pure instructions nothing needs are not selected (a small mark phase from the side effects).
// Phis become block parameters; each edge carries its own arguments (BlockCall).
// Partial files: .Alu (arithmetic, conversions), .Memory (loads, stores, addresses), .Control
// (branches, return, calls, parameters).
//
// Requires: a verified IR function (IrVerifier). Produces: a MachineFunction in SSA form on
// virtual registers, numbered, with loop depths.

/// <summary>Selects eBPF instructions for an IR function.</summary>
internal sealed partial class InstructionSelection
{
    private readonly Function _function;
    private readonly MachineFunction _machine;
    private readonly Dictionary<Block, MachineBlock> _blocks = [];
    private readonly Dictionary<Value, VReg> _registers = [];
    private readonly HashSet<Instr> _needed = [];
    private readonly HashSet<Value> _hasUsers = [];
    private readonly HashSet<Instr> _addressesNeedingRegister = [];
    private readonly Dictionary<Instr, int> _stackBuffers = [];
    private MachineBlock _block = null!;
    private SourceRef? _source;

    private InstructionSelection(Function function)
    {
        _function = function;
        _machine = new MachineFunction(function.Name);
    }

    /// <summary>Selects instructions for <paramref name="function"/>.</summary>
    /// <exception cref="InternalCompilerError">The IR uses something the backend cannot select.</exception>
    public static MachineFunction Select(Function function)
    {
        var selection = new InstructionSelection(function);
        selection.Run();
        return selection._machine;
    }

    private void Run()
    {
        MarkNeeded();
        PlaceStackBuffers();
        var backEdges = new List<FlowEdge<Block>>();
        var order = DepthFirstOrder.ReversePostOrder(_function, backEdges);
        foreach (var b in order)
        {
            if (b == _function.Entry || !IsForwarder(b))
            {
                var mb = _machine.AddBlock();
                _blocks.Add(b, mb);
                for (var (k, phis) = (0, b.PhiCount); k < phis; k++)
                {
                    var phi = b.Instrs[k];
                    if (_needed.Contains(phi))
                    {
                        var reg = _machine.NewVReg(phi.Type);
                        _registers.Add(phi, reg);
                        mb.Params.Add(reg);
                        mb.ParamSources.Add(phi.Source);
                    }
                }
            }
        }
        foreach (var b in order)
        {
            if (_blocks.TryGetValue(b, out var mb))
            {
                _block = mb;
                if (b == _function.Entry)
                {
                    LowerParams();
                }
                var instrs = b.Instrs;
                for (var k = 0; k < instrs.Count; k++) // by index: a foreach over the read-only list boxes an enumerator per block
                {
                    var instr = instrs[k];
                    if (instr.Op != Op.Phi && (instr.IsTerminator || _needed.Contains(instr)))
                    {
                        _source = instr.Source;
                        Lower(instr);
                    }
                }
            }
        }
        DeadMachineCode.Remove(_machine);
        _machine.Number();
        // Loop depths weigh spill costs and copies; the loop finder is the one the IR's passes use.
        // Machine blocks are the IR's blocks less forwarders, with the IR's edges: without a cycle
        // in the IR there is none here, and every depth stays 0.
        if (backEdges.Count == 0)
        {
            return;
        }
        var loops = LoopForest.Compute(_machine);
        foreach (var b in _machine.Blocks)
        {
            b.LoopDepth = loops.LoopDepth(b);
        }
    }

    private void Lower(Instr instr)
    {
        switch (instr.Op)
        {
            case >= Op.Add and <= Op.AShr:
                LowerBinary(instr);
                break;
            case Op.Neg or Op.Not or Op.ZExt or Op.SExt or Op.Trunc or Op.SExtIn or Op.ByteSwap:
                LowerUnary(instr);
                break;
            case Op.Cmp:
                break; // selected together with the condbr that uses it
            case Op.PtrAdd:
                LowerPtrAdd(instr);
                break;
            case Op.Load:
                LowerLoad(instr);
                break;
            case Op.Store:
                LowerStore(instr);
                break;
            case Op.Call:
                LowerCall(instr, null);
                break;
            case Op.KfuncCall:
                LowerCall(instr, Symbol(RelocationKind.KfuncCall, instr));
                break;
            case Op.LocalCall:
                LowerCall(instr, Symbol(RelocationKind.LocalCall, instr));
                break;
            case Op.MapRef:
                Emit(new MachineInstr(MachineOpcode.LoadPseudo, [Define(instr)], []) { Symbol = Symbol(RelocationKind.Map, instr), Source = _source });
                break;
            case Op.MapValueAddr:
                Emit(new MachineInstr(MachineOpcode.LoadPseudo, [Define(instr)], []) { Symbol = Symbol(RelocationKind.MapValue, instr), Imm2 = instr.Size, Source = _source });
                break;
            case Op.FuncAddr:
                Emit(new MachineInstr(MachineOpcode.LoadPseudo, [Define(instr)], []) { Symbol = Symbol(RelocationKind.FunctionAddress, instr), Source = _source });
                break;
            case Op.AtomicAdd:
            {
                var (baseReg, offset) = MemoryOperand(instr.Operands[0], instr.Imm);
                Emit(new MachineInstr(MachineOpcode.AtomicAdd, [], [baseReg, Register(instr.Operands[1])]) { Size = SizeOf(instr.Size), Offset = offset, Source = _source });
                break;
            }
            case Op.StackSlot:
                // The address in a register, for the users that need one (helper arguments);
                // loads and stores address the buffer through r10, and unused addresses die.
                Emit(new MachineInstr(MachineOpcode.FrameAddress, [Define(instr)], []) { Imm = _stackBuffers[instr], Source = _source });
                break;
            case Op.Br:
                Terminate(new MachineInstr(MachineOpcode.Jump, [], []) { Targets = [Edge(instr.Block!, 0)], Source = _source });
                break;
            case Op.CondBr:
                LowerCondBr(instr);
                break;
            case Op.Ret:
                LowerRet(instr);
                break;
            default:
                throw new InternalCompilerError("instruction selection", _function.Name, $"cannot select {instr.Op}", _function.ToString());
        }
    }

    // Mark phase: everything a side effect or a terminator depends on.
    // Stack buffers sit at the top of the frame, buffers not live together sharing bytes.
    private void PlaceStackBuffers()
    {
        var (offsets, bytes) = StackBufferLayout.Place(_function);
        foreach (var (slot, offset) in offsets)
        {
            _stackBuffers[slot] = offset;
        }
        _machine.FrameBufferBytes = bytes;
        _machine.DeepestBuffer = offsets.Count == 0 ? null : offsets.MinBy(o => o.Value).Key.Source;
    }

    private void MarkNeeded()
    {
        var work = new Stack<Instr>();
        foreach (var b in _function.Blocks)
        {
            var instrs = b.Instrs;
            for (var k = 0; k < instrs.Count; k++)
            {
                var i = instrs[k];
                if (i.Info.HasSideEffects && _needed.Add(i))
                {
                    work.Push(i);
                }
            }
        }
        while (work.Count > 0)
        {
            var user = work.Pop();
            NoteAddressUses(user);
            var operands = user.Operands;
            for (var k = 0; k < operands.Count; k++)
            {
                var operand = operands[k];
                _hasUsers.Add(operand);
                if (operand is Instr d && _needed.Add(d))
                {
                    work.Push(d);
                }
            }
        }
    }

    // A block that does nothing but jump: predecessors can branch past it.
    private bool IsForwarder(Block b) =>
        b != _function.Entry && b.Instrs.Count == 1 && b.Instrs[0].Op == Op.Br && b.Instrs[0].Targets[0] != b;

    // The machine edge for target `index` of `from`'s terminator, skipping forwarders.
    private BlockCall Edge(Block from, int index)
    {
        var pred = from;
        var target = from.Terminator!.Targets[index];
        var ordinal = 0;
        for (var k = 0; k < index; k++)
        {
            if (from.Terminator.Targets[k] == target)
            {
                ordinal++;
            }
        }
        for (var hops = 0; IsForwarder(target) && hops <= _function.Blocks.Count; hops++)
        {
            pred = target;
            target = target.Instrs[0].Targets[0];
            ordinal = 0;
        }
        var mb = _blocks.TryGetValue(target, out var found)
            ? found
            : throw new InternalCompilerError("instruction selection", _function.Name, $"{target} is a loop of empty blocks", _function.ToString());
        // Most edges carry no value (a branch chain's blocks have no phis): nothing is allocated for them.
        var phis = target.PhiCount;
        var count = 0;
        for (var k = 0; k < phis; k++)
        {
            count += _needed.Contains(target.Instrs[k]) ? 1 : 0;
        }
        var args = count == 0 ? [] : new MachineOperand[count];
        for (var (k, a) = (0, 0); a < count; k++)
        {
            var phi = target.Instrs[k];
            if (_needed.Contains(phi))
            {
                args[a++] = Operand(IncomingFrom(phi, pred, ordinal));
            }
        }
        return new BlockCall(mb, args);
    }

    // The phi operand of the ordinal-th edge from pred (a condbr may target one block twice). The
    // search starts at pred's first edge: a join of a 10,000-link || chain has 10,000 of them.
    private Value IncomingFrom(Instr phi, Block pred, int ordinal)
    {
        if (phi.PhiBlocks.Count <= SmallPhi)
        {
            return IncomingAfter(phi, pred, ordinal, 0); // a short scan costs less than an index
        }
        if (!_firstIncoming.TryGetValue(phi, out var first))
        {
            first = [];
            for (var k = phi.PhiBlocks.Count - 1; k >= 0; k--)
            {
                first[phi.PhiBlocks[k]] = k;
            }
            _firstIncoming.Add(phi, first);
        }
        return IncomingAfter(phi, pred, ordinal, first.GetValueOrDefault(pred, phi.PhiBlocks.Count));
    }

    private const int SmallPhi = 8;

    private static Value IncomingAfter(Instr phi, Block pred, int ordinal, int start)
    {
        for (var k = start; k < phi.PhiBlocks.Count; k++)
        {
            if (phi.PhiBlocks[k] == pred && ordinal-- == 0)
            {
                return phi.Operands[k];
            }
        }
        return phi.IncomingFrom(pred);
    }

    private readonly Dictionary<Instr, Dictionary<Block, int>> _firstIncoming = [];

    private void Emit(MachineInstr instr) => _block.Instrs.Add(instr);

    private void Terminate(MachineInstr terminator) => _block.Terminator = terminator;

    // The module's function, kfunc or map an instruction names by index (its immediate).
    private static SymbolRef Symbol(RelocationKind kind, Instr instr) => new(kind, (int)instr.Imm);

    private VReg Define(Instr instr)
    {
        var reg = _machine.NewVReg(instr.Type);
        _registers.Add(instr, reg);
        return reg;
    }

    // The register holding a value; constants are materialised here, at the use.
    private VReg Register(Value value)
    {
        if (TryConstant(value, out var bits))
        {
            var reg = _machine.NewVReg(value.Type);
            Emit(new MachineInstr(MachineOpcode.MovImm, [reg], []) { Imm = bits, Source = _source });
            return reg;
        }
        return _registers.TryGetValue(value, out var r)
            ? r
            : throw new InternalCompilerError("instruction selection", _function.Name, $"value {value} used before it is selected", _function.ToString());
    }

    private MachineOperand Operand(Value value) =>
        TryConstant(value, out var bits) ? MachineOperand.Constant(bits) : MachineOperand.Of(Register(value));

    // The register pattern of a constant operand: i32 zero-extended, i64 as is, bool 0/1.
    private static bool TryConstant(Value value, out long bits)
    {
        switch (value)
        {
            case Constant c:
                bits = c.Type == IrType.I32 ? (uint)c.Bits : c.Bits;
                return true;
            case Instr { Op: Op.ZExt } z when z.Operands[0] is Constant c:
                bits = (uint)c.Bits;
                return true;
            default:
                bits = 0;
                return false;
        }
    }

    // A 64-bit pattern usable as the sign-extended 32-bit immediate of ALU64 and JMP.
    private static bool FitsImm64(long bits) => bits == (int)bits;
}
