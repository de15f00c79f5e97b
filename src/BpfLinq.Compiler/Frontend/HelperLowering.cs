using System.Linq.Expressions;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Kernel helpers and kfuncs called as <see cref="Bpf"/> intrinsics, with the argument kinds their
/// prototypes demand: a byte buffer is a zeroed, NUL-padded stack slot filled by
/// <c>bpf_skb_load_bytes</c>; a string is the address of its bytes in the program's read-only data
/// (a frozen map); lengths are constants. Helpers returning 32-bit values are truncated to them.
/// A feature of <see cref="IrLowering"/>, reached through <see cref="ILoweringScope"/>.
/// </summary>
internal sealed class HelperLowering(ILoweringScope scope)
{
    private readonly IrBuilder _b = scope.Builder;

    private const int MaxLoadBytes = 256;

    // The last id of enum bpf_func_id we know (the kernel's __BPF_FUNC_MAX_ID is one more).
    private static readonly Helper s_lastHelper = Enum.GetValues<Helper>().Max();

    /// <summary><c>Bpf.Then(effect, result)</c>: both, in order; the value is the result's.</summary>
    public Value? LowerThen(MethodCallExpression node)
    {
        scope.Lower(node.Arguments[0]);
        return scope.Lower(node.Arguments[1]);
    }

    /// <summary>A helper whose arguments are the context or nothing, its result truncated to 32 bits when <paramref name="low32"/>.</summary>
    public Value LowerPlainHelper(MethodCallExpression node, Helper helper, bool low32)
    {
        var call = _b.Call((long)helper, IrType.I64, [.. node.Arguments.Select(scope.ContextArgument)]);
        return low32 ? Low32(call) : call;
    }

    public Value LowerStrncmp(MethodCallExpression node)
    {
        var args = node.Arguments;
        var (buffer, length) = LowerByteBuffer(args[0]);
        var n = scope.ConstantInt(args[1], "length", "Bpf.Strncmp");
        if (n < 1 || n > length)
        {
            throw scope.Error(args[1], CompileErrors.HelperArgumentOutOfRange("length", "Bpf.Strncmp", $"from 1 to the buffer's {length} bytes"));
        }
        return Low32(_b.Call((long)Helper.Strncmp, IrType.I64, buffer, _b.I64(n), scope.StringAddress(args[2], "Bpf.Strncmp")));
    }

    public Value LowerStrcmp(MethodCallExpression node)
    {
        var (buffer, _) = LowerByteBuffer(node.Arguments[0]);
        var text = scope.StringAddress(node.Arguments[1], "Bpf.Strcmp");
        return Low32(_b.KfuncCall(scope.Module.KfuncIndex("bpf_strcmp"), IrType.I64, buffer, text));
    }

    /// <summary><c>Bpf.LoadBytes</c> is only an argument of the string helpers (<see cref="LowerByteBuffer"/>), never a value.</summary>
    public Value LowerLoadBytesAsValue(MethodCallExpression node) => throw scope.Error(node, CompileErrors.ByteBufferAsValue());

    public Value LowerRedirect(MethodCallExpression node)
    {
        if (!ProgramKindTable.Of(scope.Kind).Allows(Helper.Redirect))
        {
            throw scope.Error(node, CompileErrors.HelperNotAvailable("Bpf.Redirect", scope.Kind, ": redirects are for tc and XDP programs"));
        }
        return _b.Call((long)Helper.Redirect, IrType.I64, _b.Unary(Op.ZExt, IrType.I64, scope.Lower(node.Arguments[0])!), scope.Lower(node.Arguments[1])!);
    }

    public Value LowerCallHelper(MethodCallExpression node)
    {
        var id = scope.ConstantInt(node.Arguments[0], "helper id", "Bpf.CallHelper");
        // The verifier refuses an id outside enum bpf_func_id as an unknown function: the caller's mistake.
        if (id <= 0 || id > (long)s_lastHelper)
        {
            throw scope.Error(node.Arguments[0], CompileErrors.HelperArgumentOutOfRange(
                "helper id", "Bpf.CallHelper", $"a kernel helper id from 1 to {(int)s_lastHelper} (enum bpf_func_id), not {id}"));
        }
        return _b.Call(id, IrType.I64, ScalarArguments(node.Arguments[1], "Bpf.CallHelper"));
    }

    public Value LowerCallKfunc(MethodCallExpression node)
    {
        if (node.Arguments[0] is not ConstantExpression { Value: string name } || name.Length == 0)
        {
            throw scope.Error(node.Arguments[0], CompileErrors.HelperArgumentNotConstant("name", "Bpf.CallKfunc"));
        }
        return _b.KfuncCall(scope.Module.KfuncIndex(name), IrType.I64, ScalarArguments(node.Arguments[1], "Bpf.CallKfunc"));
    }

    public Instr LowerTracePrintk(MethodCallExpression node)
    {
        if (node.Arguments[0] is not ConstantExpression { Value: string format })
        {
            throw scope.Error(node.Arguments[0], CompileErrors.HelperArgumentNotConstant("format", "Bpf.TracePrintk"));
        }
        if (TraceFormat.Check(format, out var specifiers) is { } problem)
        {
            throw scope.Error(node.Arguments[0], CompileErrors.TraceFormat(problem));
        }
        var values = node.Arguments.Skip(1).ToList();
        if (specifiers.Count != values.Count)
        {
            throw scope.Error(node, CompileErrors.TraceFormat($"\"{format}\" has {specifiers.Count} conversions for {values.Count} arguments"));
        }
        var args = new List<Value> { scope.StringAddress(node.Arguments[0], "Bpf.TracePrintk"), _b.I64(format.Length + 1) };
        args.AddRange(values.Select(v => scope.Lower(v)!));
        return _b.Call((long)Helper.TracePrintk, IrType.I64, [.. args]);
    }

    // The value goes to the stack in network order (its low `length` bytes, most significant first).
    public Instr LowerStoreBytes(MethodCallExpression node)
    {
        var args = node.Arguments;
        var context = PacketWriter(node, args[0], Helper.SkbStoreBytes);
        var offset = scope.Lower(args[1])!;
        var value = scope.Lower(args[2])!;
        var length = scope.ConstantInt(args[3], "length", "StoreBytes");
        if (length is not (1 or 2 or 4 or 8))
        {
            throw scope.Error(args[3], CompileErrors.HelperArgumentOutOfRange("length", "StoreBytes", "1, 2, 4 or 8"));
        }
        var flags = scope.ConstantInt(args[4], "flags", "StoreBytes");
        if (flags is < 0 or > 3)
        {
            throw scope.Error(args[4], CompileErrors.HelperArgumentOutOfRange("flags", "StoreBytes", "0 to 3 (BPF_F_RECOMPUTE_CSUM, BPF_F_INVALIDATE_HASH)"));
        }
        var slot = _b.StackSlot(8);
        Value bytes = length == 8 ? _b.ByteSwap(IrType.I64, value, 64) : _b.Unary(Op.Trunc, IrType.I32, value);
        if (length is 2 or 4)
        {
            bytes = _b.ByteSwap(IrType.I32, bytes, (int)length * 8);
        }
        _b.Store(slot, 0, (int)length, bytes);
        return _b.Call((long)Helper.SkbStoreBytes, IrType.I64, context, Widen(offset), slot, _b.I64(length), _b.I64(flags));
    }

    // from and to are network-order numbers; the helper takes them as they lie in memory.
    public Instr LowerChecksumReplace(MethodCallExpression node, bool isL4)
    {
        var args = node.Arguments;
        var method = isL4 ? "L4CsumReplace" : "L3CsumReplace";
        var context = PacketWriter(node, args[0], isL4 ? Helper.L4CsumReplace : Helper.L3CsumReplace);
        var offset = scope.Lower(args[1])!;
        var size = scope.ConstantInt(args[4], "size", method);
        if (size is not (2 or 4))
        {
            throw scope.Error(args[4], CompileErrors.HelperArgumentOutOfRange("size", method, "2 or 4"));
        }
        Value InMemoryOrder(Expression e) => _b.Unary(Op.ZExt, IrType.I64, _b.ByteSwap(IrType.I32, scope.Lower(e)!, (int)size * 8));
        var from = InMemoryOrder(args[2]);
        var to = InMemoryOrder(args[3]);
        var pseudo = isL4 && scope.ConstantInt(args[5], "pseudo-header flag", method) != 0 ? 0x10 : 0;
        return _b.Call((long)(isL4 ? Helper.L4CsumReplace : Helper.L3CsumReplace), IrType.I64, context, Widen(offset), from, to, _b.I64(size + pseudo));
    }

    private Value Widen(Value offset) => offset.Type == IrType.I64 ? offset : _b.Unary(Op.SExt, IrType.I64, offset);

    // Packet writers are tc and sk_skb helpers; the program must not also read through ctx.Packet (checked at the end).
    private Value PacketWriter(MethodCallExpression node, Expression context, Helper helper)
    {
        if (!ProgramKindTable.Of(scope.Kind).Allows(helper))
        {
            throw scope.Error(node, CompileErrors.HelperNotAvailable(node.Method.Name, scope.Kind, ": packets are written by tc and sk_skb programs"));
        }
        scope.Module.PacketWriter ??= node;
        return scope.ContextArgument(context);
    }

    private Value[] ScalarArguments(Expression array, string method)
    {
        if (array is not NewArrayExpression { NodeType: ExpressionType.NewArrayInit } init)
        {
            throw scope.Error(array, CompileErrors.HelperArgumentNotConstant("argument list", method));
        }
        if (init.Expressions.Count > 5)
        {
            throw scope.Error(array, CompileErrors.HelperArgumentOutOfRange("argument list", method, "at most five arguments (r1-r5)"));
        }
        return [.. init.Expressions.Select(e => scope.Lower(e)!)];
    }

    private Instr Low32(Value value) => _b.Unary(Op.Trunc, IrType.I32, value);

    /// <summary>A <c>LoadBytes</c> call lowered into a fresh buffer: its address and the bytes loaded.</summary>
    private (Value Buffer, int Length) LowerByteBuffer(Expression node)
    {
        if (node is not MethodCallExpression { Method.Name: nameof(Bpf.LoadBytes) } load || load.Method.DeclaringType != typeof(Bpf))
        {
            throw scope.Error(node, CompileErrors.ByteBufferAsValue());
        }
        using var origin = scope.Enter(node);
        if (!ProgramKindTable.Of(scope.Kind).Allows(Helper.SkbLoadBytes))
        {
            throw scope.Error(node, CompileErrors.HelperNotAvailable("LoadBytes", scope.Kind, ": read XDP packets through ctx.Packet"));
        }
        var context = scope.ContextArgument(load.Arguments[0]);
        var offset = scope.Lower(load.Arguments[1])!;
        var length = scope.ConstantInt(load.Arguments[2], "length", "LoadBytes");
        if (length is < 1 or > MaxLoadBytes)
        {
            throw scope.Error(load.Arguments[2], CompileErrors.HelperArgumentOutOfRange("length", "LoadBytes", $"from 1 to {MaxLoadBytes}"));
        }
        // Zeroed and a NUL longer than the bytes, so it is a C string whatever the helper copies.
        var size = (int)((length + 8) & ~7);
        var buffer = _b.StackSlot(size);
        _b.Zero(buffer, size);
        _b.Call((long)Helper.SkbLoadBytes, IrType.I64, context, Widen(offset), buffer, _b.I64(length));
        return (buffer, (int)length);
    }
}
