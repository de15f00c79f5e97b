namespace BpfLinq.Compiler.Ir;

/// <summary>
/// Appends instructions to a current block, stamping each with the current <see cref="Source"/>.
/// The front end and passes create instructions only through this type (or <see cref="Create"/>),
/// so operand order and field use stay consistent with the printer and verifier.
/// </summary>
internal sealed class IrBuilder
{
    /// <summary>Creates a builder for a function, positioned nowhere.</summary>
    public IrBuilder(Function function) => Function = function;

    /// <summary>The function being built.</summary>
    public Function Function { get; }

    /// <summary>The block new instructions go to.</summary>
    public Block? Current { get; set; }

    /// <summary>Provenance stamped on new instructions.</summary>
    public SourceRef? Source { get; set; }

    /// <summary>True when the current block already ends in a terminator (code after it is unreachable).</summary>
    public bool IsTerminated => Current?.Terminator is not null;

    /// <summary>A constant i32.</summary>
    public Constant I32(long value) => Function.Const(IrType.I32, value);

    /// <summary>A constant i64.</summary>
    public Constant I64(long value) => Function.Const(IrType.I64, value);

    /// <summary>Creates a detached instruction (for passes that insert at a chosen position).</summary>
    public static Instr Create(Op op, IrType type, params Value[] operands) => new(op, type, operands);

    /// <summary><c>a op b</c> for the binary arithmetic ops and <see cref="Op.PtrAdd"/>.</summary>
    public Instr Binary(Op op, IrType type, Value a, Value b) => Add(new Instr(op, type, [a, b]));

    /// <summary>A one-operand op (neg, not, zext, sext, trunc).</summary>
    public Instr Unary(Op op, IrType type, Value a) => Add(new Instr(op, type, [a]));

    /// <summary>Sign-extends the low <paramref name="bits"/> of <paramref name="a"/> within <paramref name="type"/>.</summary>
    public Instr SExtIn(IrType type, Value a, int bits) => Add(new Instr(Op.SExtIn, type, [a]) { Imm = bits });

    /// <summary>Byte-swaps the low <paramref name="bits"/> of <paramref name="a"/>.</summary>
    public Instr ByteSwap(IrType type, Value a, int bits) => Add(new Instr(Op.ByteSwap, type, [a]) { Imm = bits });

    /// <summary>Compares two values of the same type.</summary>
    public Instr Cmp(Cond cond, Value a, Value b) => Add(new Instr(Op.Cmp, IrType.Bool, [a, b]) { Cond = cond });

    /// <summary>Pointer plus byte offset.</summary>
    public Instr PtrAdd(Value pointer, Value offset) => Add(new Instr(Op.PtrAdd, pointer.Type, [pointer, offset]));

    /// <summary>Loads <paramref name="size"/> bytes at <paramref name="pointer"/> + <paramref name="offset"/>.</summary>
    public Instr Load(IrType type, Value pointer, long offset, int size, bool signed = false) =>
        Add(new Instr(Op.Load, type, [pointer]) { Imm = offset, Size = size, Signed = signed });

    /// <summary>Stores the low <paramref name="size"/> bytes of <paramref name="value"/>.</summary>
    public Instr Store(Value pointer, long offset, int size, Value value) =>
        Add(new Instr(Op.Store, IrType.Void, [pointer, value]) { Imm = offset, Size = size });

    /// <summary>Calls a helper by id.</summary>
    public Instr Call(long helperId, IrType result, params Value[] args) =>
        Add(new Instr(Op.Call, result, args) { Imm = helperId });

    /// <summary>A fresh stack buffer of <paramref name="bytes"/> bytes.</summary>
    public Instr StackSlot(int bytes) => Add(new Instr(Op.StackSlot, IrType.StackPtr, []) { Imm = bytes });

    /// <summary>Loads a reference to map <paramref name="mapIndex"/> of the module.</summary>
    public Instr MapRef(int mapIndex) => Add(new Instr(Op.MapRef, IrType.MapPtr, []) { Imm = mapIndex });

    /// <summary>The address of byte <paramref name="offset"/> of value 0 of map <paramref name="mapIndex"/>.</summary>
    public Instr MapValueAddr(int mapIndex, int offset) => Add(new Instr(Op.MapValueAddr, IrType.MapValuePtr, []) { Imm = mapIndex, Size = offset });

    /// <summary>The address of function <paramref name="functionIndex"/> of the module (a callback).</summary>
    public Instr FuncAddr(int functionIndex) => Add(new Instr(Op.FuncAddr, IrType.I64, []) { Imm = functionIndex });

    /// <summary>Calls kfunc <paramref name="kfuncIndex"/> of the module.</summary>
    public Instr KfuncCall(int kfuncIndex, IrType result, params Value[] args) =>
        Add(new Instr(Op.KfuncCall, result, args) { Imm = kfuncIndex });

    /// <summary>Calls function <paramref name="functionIndex"/> of the module.</summary>
    public Instr LocalCall(int functionIndex, IrType result, params Value[] args) =>
        Add(new Instr(Op.LocalCall, result, args) { Imm = functionIndex });

    /// <summary>Atomically adds <paramref name="value"/> to the <paramref name="size"/> bytes at <paramref name="pointer"/> + <paramref name="offset"/>.</summary>
    public Instr AtomicAdd(Value pointer, long offset, int size, Value value) =>
        Add(new Instr(Op.AtomicAdd, IrType.Void, [pointer, value]) { Imm = offset, Size = size });

    /// <summary>An empty phi at the start of <paramref name="block"/>; fill it with <see cref="AddPhiIncoming"/>.</summary>
    public Instr Phi(Block block, IrType type)
    {
        var phi = new Instr(Op.Phi, type, []) { Source = Source };
        return block.InsertPhi(phi);
    }

    /// <summary>Adds the operand a phi receives from <paramref name="pred"/>.</summary>
    public static void AddPhiIncoming(Instr phi, Block pred, Value value)
    {
        phi.AddOperand(value);
        phi.PhiBlocks.Add(pred);
    }

    /// <summary>Ends the current block with a jump.</summary>
    public void Br(Block target) => Terminate(new Instr(Op.Br, IrType.Void, []) { Targets = [target] });

    /// <summary>Ends the current block with a two-way branch on a bool.</summary>
    public void CondBr(Value condition, Block ifTrue, Block ifFalse) =>
        Terminate(new Instr(Op.CondBr, IrType.Void, [condition]) { Targets = [ifTrue, ifFalse] });

    /// <summary>Ends the current block with a return.</summary>
    public void Ret(Value value) => Terminate(new Instr(Op.Ret, IrType.Void, [value]));

    /// <summary>Appends an instruction built elsewhere (packet reads, which carry an anchor), stamped with <see cref="Source"/>.</summary>
    public Instr Emit(Instr instr) => Add(instr);

    private Instr Add(Instr instr)
    {
        instr.Source ??= Source;
        return (Current ?? throw new InvalidOperationException("no current block")).Append(instr);
    }

    private void Terminate(Instr terminator)
    {
        terminator.Source ??= Source;
        (Current ?? throw new InvalidOperationException("no current block")).SetTerminator(terminator);
    }
}
