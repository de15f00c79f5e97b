using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Maps;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// Map operations. A map is a captured <see cref="MapDefinition"/> (a constant after folding); its
/// reference is an <c>ld_imm64</c> the loader patches. Keys and values go to the stack, the helpers
/// take pointers to them; a lookup's result is null-checked before any read, as the verifier demands:
/// <code>
/// counts.GetValueOrDefault(k)  =>  *(u32 *)(r10 - 8) = k; r1 = map ll; r2 = r10 - 8; call 1
///                                  r0 != 0 ? *(u64 *)(r0 + 0) : 0
/// counts.Increment(k)          =>  lookup; r0 != 0 ? lock *(u64 *)(r0 + 0) += 1 : update(k, 1, BPF_ANY)
/// array.Increment(i)          =>  lookup; r0 != 0 ? lock *(u64 *)(r0 + 0) += 1 : -E2BIG (an array's absent index is out of range)
/// </code>
/// A feature of <see cref="IrLowering"/>, reached through <see cref="ILoweringScope"/>.
/// </summary>
internal sealed class MapLowering(ILoweringScope scope)
{
    private readonly IrBuilder _b = scope.Builder;

    /// <summary>A call of a captured map's method: the map's index (registered before its arguments are lowered), then the operation.</summary>
    public Value LowerMapCall(MethodCallExpression node, MapOperation operation)
    {
        var map = node.Object is ConstantExpression { Value: MapDefinition captured }
            ? captured
            : throw scope.Error(node.Object ?? node, CompileErrors.MapNotCaptured(node.Object ?? node));
        return operation(this, node, map, scope.Module.MapIndex(map));
    }

    public Value LowerMapGet(MethodCallExpression node, MapDefinition map, int index)
    {
        var args = node.Arguments;
        var type = ScalarValueOf(node, map.ValueType) ?? throw scope.Error(node, CompileErrors.MapStructValue(map.ValueType));
        var pointer = Lookup(index, map, args[0]);
        return scope.IfNotNull(pointer, type.Ir,
            () => _b.LoadScalar(pointer, 0, type),
            () => args.Count > 1 ? scope.Lower(args[1])! : _b.Function.Const(type.Ir, 0));
    }

    public Value LowerMapContainsKey(MethodCallExpression node, MapDefinition map, int index)
    {
        var pointer = Lookup(index, map, node.Arguments[0]);
        return scope.IfNotNull(pointer, IrType.I32, () => _b.I32(1), () => _b.I32(0));
    }

    public Value LowerMapUpdate(MethodCallExpression node, MapDefinition map, int index)
    {
        var args = node.Arguments;
        var key = ToStack(args[0], map.KeyType);
        var value = ToStack(args[1], map.ValueType);
        var flags = args.Count > 2 ? scope.Lower(args[2])! : _b.I64(0);
        return _b.Call((long)Helper.MapUpdateElem, IrType.I64, _b.MapRef(index), key, value, flags);
    }

    public Value LowerMapDelete(MethodCallExpression node, MapDefinition map, int index) =>
        _b.Call((long)Helper.MapDeleteElem, IrType.I64, _b.MapRef(index), ToStack(node.Arguments[0], map.KeyType));

    // Add(key, delta) or Add(key, v => v.Field, delta).
    public Value LowerMapAddCall(MethodCallExpression node, MapDefinition map, int index) =>
        node.Arguments.Count == 3 ? LowerFieldAdd(node, map, index) : LowerMapAdd(node, map, index, increment: false);

    public Value LowerMapIncrement(MethodCallExpression node, MapDefinition map, int index) => LowerMapAdd(node, map, index, increment: true);

    public Value LowerSockMapRedirect(MethodCallExpression node, MapDefinition map, int index)
    {
        var args = node.Arguments;
        if (!ProgramKindTable.Of(scope.Kind).Allows(Helper.SkRedirectMap))
        {
            throw scope.Error(node, CompileErrors.HelperNotAvailable("SockMap.Redirect", scope.Kind, ": socket redirects are for sk_skb programs"));
        }
        var ingress = args.Count > 2 ? scope.ConstantInt(args[2], "ingress flag", "SockMap.Redirect") : 0;
        var key = scope.Lower(args[1])!;
        return _b.Call((long)Helper.SkRedirectMap, IrType.I64, scope.ContextArgument(args[0]), _b.MapRef(index), _b.Unary(Op.ZExt, IrType.I64, key), _b.I64(ingress != 0 ? 1 : 0));
    }

    public Value LowerDevMapRedirect(MethodCallExpression node, MapDefinition map, int index)
    {
        var args = node.Arguments;
        if (!ProgramKindTable.Of(scope.Kind).Allows(Helper.RedirectMap))
        {
            throw scope.Error(node, CompileErrors.HelperNotAvailable("DevMap.Redirect", scope.Kind, ": device maps redirect XDP frames"));
        }
        var fallback = args.Count > 1 ? scope.ConstantInt(args[1], "fallback action", "DevMap.Redirect") : 0;
        if (fallback is < 0 or > 3)
        {
            throw scope.Error(args[1], CompileErrors.HelperArgumentOutOfRange("fallback action", "DevMap.Redirect", "an XDP action from 0 to 3"));
        }
        var key = scope.Lower(args[0])!;
        return _b.Call((long)Helper.RedirectMap, IrType.I64, _b.MapRef(index), _b.Unary(Op.ZExt, IrType.I64, key), _b.I64(fallback));
    }

    public Value LowerRingbufOutput(MethodCallExpression node, MapDefinition map, int index)
    {
        var record = ToStack(node.Arguments[0], map.ValueType);
        var size = ValueLayoutOf(node.Arguments[0], map.ValueType).Size;
        return _b.Call((long)Helper.RingbufOutput, IrType.I64, _b.MapRef(index), record, _b.I64(size), _b.I64(0));
    }

    // Atomic add in place when the key exists; otherwise create it holding the delta.
    private Value LowerMapAdd(MethodCallExpression node, MapDefinition map, int index, bool increment)
    {
        if (!ManagedIntegers.IsInteger(map.ValueType))
        {
            throw scope.Error(node, CompileErrors.MapAddNotInteger(map.ValueType));
        }
        var type = ScalarValueOf(node, map.ValueType)!.Value;
        var delta = increment ? _b.Function.Const(type.Ir, 1) : scope.Lower(node.Arguments[1])!;
        var keySlot = ToStack(node.Arguments[0], map.KeyType);
        var pointer = _b.Call((long)Helper.MapLookupElem, IrType.MapValueOrNull, _b.MapRef(index), keySlot);
        return scope.IfNotNull(pointer, IrType.I64,
            () =>
            {
                var size = map.ValueSize;
                if (size is 4 or 8)
                {
                    _b.AtomicAdd(pointer, 0, size, delta);
                }
                else
                {
                    // BPF atomics are 32- and 64-bit only; narrower counters add without them.
                    var old = _b.LoadScalar(pointer, 0, type);
                    _b.Store(pointer, 0, size, _b.Binary(Op.Add, type.Ir, old, delta));
                }
                return _b.I64(0);
            },
            () => CreateHolding(map, () =>
            {
                var valueSlot = StoreToNewSlot(delta, map.ValueSize);
                return _b.Call((long)Helper.MapUpdateElem, IrType.I64, _b.MapRef(index), keySlot, valueSlot, _b.I64(0));
            }));
    }

    // map.Add(key, v => v.Field, delta): an atomic add on the field in place, or a new value of zeros holding the delta there.
    private Value LowerFieldAdd(MethodCallExpression node, MapDefinition map, int index)
    {
        var selector = node.Arguments[1] is UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression quoted } ? quoted : node.Arguments[1] as LambdaExpression;
        if (selector is null || StructFields.PathOf(selector) is not { } path || StructFields.Resolve(map.ValueType, path) is not { Field.Scalar: { } scalar } field)
        {
            throw scope.Error(node.Arguments[1], CompileErrors.MapLayout(map.ValueType, "the field of Add(key, v => v.Field, delta) must be an integer field written as a member access of the lambda's parameter"));
        }
        var delta = scope.Lower(node.Arguments[2])!;
        var keySlot = ToStack(node.Arguments[0], map.KeyType);
        var pointer = _b.Call((long)Helper.MapLookupElem, IrType.MapValueOrNull, _b.MapRef(index), keySlot);
        var size = field.Field.Size;
        return scope.IfNotNull(pointer, IrType.I64,
            () =>
            {
                if (size is 4 or 8)
                {
                    _b.AtomicAdd(pointer, field.Offset, size, delta);
                }
                else
                {
                    _b.Store(pointer, field.Offset, size, _b.Binary(Op.Add, scalar.Ir, _b.LoadScalar(pointer, field.Offset, scalar), delta));
                }
                return _b.I64(0);
            },
            () => CreateHolding(map, () =>
            {
                var rounded = (ValueLayoutOf(node, map.ValueType).Size + 7) & ~7;
                var value = _b.StackSlot(rounded);
                _b.Zero(value, rounded);
                _b.Store(value, field.Offset, size, delta);
                return _b.Call((long)Helper.MapUpdateElem, IrType.I64, _b.MapRef(index), keySlot, value, _b.I64(0));
            }));
    }

    // The absent-key side of an add. An array's elements all exist, so a failed lookup means the index
    // is out of range, where creating it fails with -E2BIG: that constant, without the update call.
    private Value CreateHolding(MapDefinition map, Func<Value> update) =>
        map.Type is MapType.Array or MapType.PerCpuArray ? _b.I64(MapErrors.TooBig) : update();

    /// <summary><c>bpf_map_lookup_elem(map, &amp;key)</c>: a value pointer or null.</summary>
    private Instr Lookup(int index, MapDefinition map, Expression key) =>
        _b.Call((long)Helper.MapLookupElem, IrType.MapValueOrNull, _b.MapRef(index), ToStack(key, map.KeyType));

    /// <summary>Evaluates <paramref name="node"/> into a fresh, zeroed stack slot; returns the slot's address.</summary>
    private Instr ToStack(Expression node, Type type)
    {
        var layout = ValueLayoutOf(node, type);
        if (layout.Scalar is not null)
        {
            return StoreToNewSlot(scope.Lower(node)!, layout.Size);
        }
        // Zeroed first where the initializer leaves bytes unwritten: padding is part of a hash key,
        // and the verifier wants every byte written.
        var rounded = (layout.Size + 7) & ~7;
        var slot = _b.StackSlot(rounded);
        ZeroUnwritten(node, layout, slot, rounded);
        StoreStruct(node, layout, slot, 0);
        return slot;
    }

    // Zeros where the struct expression's initializer leaves bytes unwritten.
    private void ZeroUnwritten(Expression node, ValueLayout layout, Value pointer, int size)
    {
        var written = new bool[size];
        MarkWritten(node, layout, 0, written);
        _b.Zero(pointer, size, written);
    }

    private static void MarkWritten(Expression node, ValueLayout layout, int offset, bool[] written)
    {
        if (node is MemberInitExpression init)
        {
            MarkWritten(init.Bindings, layout, offset, written);
        }
    }

    private static void MarkWritten(IEnumerable<MemberBinding> bindings, ValueLayout layout, int offset, bool[] written)
    {
        foreach (var binding in bindings)
        {
            if (layout.Field(binding.Member) is not { } field)
            {
                continue;
            }
            switch (binding)
            {
                case MemberAssignment when field.Layout.Scalar is not null:
                    Array.Fill(written, true, Math.Min(offset + field.Offset, written.Length), Math.Max(0, Math.Min(field.Layout.Size, written.Length - offset - field.Offset)));
                    break;
                case MemberAssignment { Expression: var value }:
                    MarkWritten(value, field.Layout, offset + field.Offset, written);
                    break;
                case MemberMemberBinding nested:
                    MarkWritten(nested.Bindings, field.Layout, offset + field.Offset, written);
                    break;
            }
        }
    }

    // Writes a struct expression's fields: object initialisers (nested ones too), default, captured constants.
    private void StoreStruct(Expression node, ValueLayout layout, Value slot, int offset)
    {
        switch (node)
        {
            case DefaultExpression:
            case NewExpression { Arguments.Count: 0 }:
                return; // the slot is zeroed
            case MemberInitExpression { NewExpression.Arguments.Count: 0 } init:
                foreach (var binding in init.Bindings)
                {
                    StoreBinding(binding, layout, slot, offset);
                }
                return;
            case ConstantExpression { Value: { } value }:
                var bytes = new byte[layout.Size];
                var handle = System.Runtime.InteropServices.GCHandle.Alloc(value, System.Runtime.InteropServices.GCHandleType.Pinned);
                try
                {
                    System.Runtime.InteropServices.Marshal.Copy(handle.AddrOfPinnedObject(), bytes, 0, bytes.Length);
                }
                finally
                {
                    handle.Free();
                }
                for (var at = 0; at + 4 <= bytes.Length; at += 4)
                {
                    _b.Store(slot, offset + at, 4, _b.I32(BitConverter.ToInt32(bytes, at)));
                }
                for (var at = bytes.Length & ~3; at < bytes.Length; at++)
                {
                    _b.Store(slot, offset + at, 1, _b.I32(bytes[at]));
                }
                return;
            default:
                throw scope.Error(node, CompileErrors.MapLayout(layout.Type, "build it in place with an object initializer (new FlowKey { Port = p }), default, or a captured value"));
        }
    }

    private void StoreBinding(MemberBinding binding, ValueLayout layout, Value slot, int offset)
    {
        var field = layout.Field(binding.Member) ?? throw scope.Error(Expression.Default(layout.Type), CompileErrors.MapLayout(layout.Type, $"{binding.Member.Name} is not a field"));
        switch (binding)
        {
            case MemberAssignment { Expression: var value } when field.Layout.Scalar is not null:
                using (scope.Enter(value))
                {
                    _b.Store(slot, offset + field.Offset, field.Layout.Size, scope.Lower(value)!);
                }
                return;
            case MemberAssignment { Expression: var value } when field.Layout.FixedBuffer is null:
                StoreStruct(value, field.Layout, slot, offset + field.Offset);
                return;
            case MemberMemberBinding nested when field.Layout.FixedBuffer is null:
                foreach (var inner in nested.Bindings)
                {
                    StoreBinding(inner, field.Layout, slot, offset + field.Offset);
                }
                return;
            default:
                throw scope.Error(Expression.Default(layout.Type), CompileErrors.MapLayout(layout.Type, $"{field.Name} cannot be set in a lambda (fixed buffers start as zeros)"));
        }
    }

    /// <summary>The map and field path of <c>map.GetValueOrDefault(key).A.B</c>, or null for other member accesses.</summary>
    public (MethodCallExpression Lookup, MapDefinition Map, int Offset, ValueLayout Field)? MapValueFieldOf(MemberExpression node)
    {
        Expression current = node;
        while (current is MemberExpression member)
        {
            current = member.Expression!;
        }
        if (current is not MethodCallExpression { Method.Name: nameof(KeyValueMap<int, int>.GetValueOrDefault), Object: ConstantExpression { Value: MapDefinition map } } call)
        {
            return null; // every context field is asked about: nothing is allocated for them
        }
        var path = new List<MemberInfo>();
        for (var member = node; member is not null; member = member.Expression as MemberExpression)
        {
            path.Insert(0, member.Member);
        }
        ValueLayoutOf(call, map.ValueType); // a compile error when the value has no layout
        var (offset, layout) = StructFields.Resolve(map.ValueType, path) ?? throw scope.Error(node, CompileErrors.UnsupportedMember(node.Member));
        return (call, map, offset, layout);
    }

    // reserve; if the ring had room, write the record in the reserved space and submit it; else -EAGAIN.
    public Value LowerRingbufSubmit(MethodCallExpression node, MapDefinition map, int index)
    {
        var layout = ValueLayoutOf(node.Arguments[0], map.ValueType);
        var reserved = _b.Call((long)Helper.RingbufReserve, IrType.MapValueOrNull, _b.MapRef(index), _b.I64(layout.Size), _b.I64(0));
        return scope.IfNotNull(reserved, IrType.I64,
            () =>
            {
                if (layout.Scalar is not null)
                {
                    _b.Store(reserved, 0, layout.Size, scope.Lower(node.Arguments[0])!);
                }
                else
                {
                    // Zeros where the fields leave bytes unwritten (the reservation is exactly the record), then the fields.
                    ZeroUnwritten(node.Arguments[0], layout, reserved, layout.Size);
                    StoreStruct(node.Arguments[0], layout, reserved, 0);
                }
                _b.Call((long)Helper.RingbufSubmit, IrType.I64, reserved, _b.I64(0));
                return _b.I64(0);
            },
            () => _b.I64(-11)); // -EAGAIN
    }

    // A field of a looked-up struct: read through the value pointer after the null check; 0 when absent.
    public Value LowerMapValueField(MemberExpression node, (MethodCallExpression Lookup, MapDefinition Map, int Offset, ValueLayout Field) access)
    {
        if (access.Lookup.Arguments.Count > 1)
        {
            throw scope.Error(access.Lookup, CompileErrors.MapLayout(access.Map.ValueType, "a struct lookup has no default value argument: absent keys read as zeros"));
        }
        var type = access.Field.Scalar ?? throw scope.Error(node, CompileErrors.MapStructValue(node.Type));
        var index = scope.Module.MapIndex(access.Map);
        Instr pointer;
        using (scope.Enter(access.Lookup))
        {
            pointer = Lookup(index, access.Map, access.Lookup.Arguments[0]);
        }
        return scope.IfNotNull(pointer, type.Ir, () => _b.LoadScalar(pointer, access.Offset, type), () => _b.Function.Const(type.Ir, 0));
    }

    private Instr StoreToNewSlot(Value value, int size)
    {
        var slot = _b.StackSlot((size + 7) & ~7);
        _b.Store(slot, 0, size, value);
        return slot;
    }

    /// <summary>The layout of a key, value or record type, or a compile error saying why it has none.</summary>
    private ValueLayout ValueLayoutOf(Expression node, Type type) =>
        ValueLayout.TryOf(type, out var layout, out var reason) ? layout : throw scope.Error(node, CompileErrors.MapLayout(type, reason));

    /// <summary>The scalar layout of a key or value type, null for a struct (a compile error when it has no layout).</summary>
    private ScalarLayout? ScalarValueOf(Expression node, Type type) => ValueLayoutOf(node, type).Scalar;
}
