using System.Linq.Expressions;
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
/// </code>
/// </summary>
internal sealed partial class IrLowering
{
    private Value LowerMapCall(MethodCallExpression node, MapDefinition map)
    {
        var index = _module.MapIndex(map);
        var args = node.Arguments;
        switch (node.Method.Name)
        {
            case nameof(KeyValueMap<int, int>.GetValueOrDefault):
            {
                var pointer = Lookup(index, map, args[0]);
                var type = ValueLayoutOf(node, map.ValueType);
                return IfNotNull(pointer, type.Ir,
                    () => LoadScalar(pointer, 0, type),
                    () => args.Count > 1 ? LowerValue(args[1])! : _function.Const(type.Ir, 0));
            }
            case nameof(KeyValueMap<int, int>.ContainsKey):
            {
                var pointer = Lookup(index, map, args[0]);
                return IfNotNull(pointer, IrType.I32, () => _b.I32(1), () => _b.I32(0));
            }
            case nameof(KeyValueMap<int, int>.Update):
            {
                var key = ToStack(args[0], map.KeyType);
                var value = ToStack(args[1], map.ValueType);
                var flags = args.Count > 2 ? LowerValue(args[2])! : _b.I64(0);
                return _b.Call((long)Helper.MapUpdateElem, IrType.I64, _b.MapRef(index), key, value, flags);
            }
            case nameof(KeyValueMap<int, int>.Delete):
                return _b.Call((long)Helper.MapDeleteElem, IrType.I64, _b.MapRef(index), ToStack(args[0], map.KeyType));
            case nameof(KeyValueMap<int, int>.Increment):
            case nameof(KeyValueMap<int, int>.Add):
                return LowerMapAdd(node, map, index);
            case nameof(RingBuffer<int>.Output):
            {
                var record = ToStack(args[0], map.ValueType);
                var size = ValueSizeOf(args[0], map.ValueType);
                return _b.Call((long)Helper.RingbufOutput, IrType.I64, _b.MapRef(index), record, _b.I64(size), _b.I64(0));
            }
            default:
                throw Error(node, CompileErrors.UnsupportedMethod(node.Method));
        }
    }

    // Atomic add in place when the key exists; otherwise create it holding the delta.
    private Value LowerMapAdd(MethodCallExpression node, MapDefinition map, int index)
    {
        if (!ManagedIntegers.IsInteger(map.ValueType))
        {
            throw Error(node, CompileErrors.MapAddNotInteger(map.ValueType));
        }
        var type = ValueLayoutOf(node, map.ValueType);
        var delta = node.Method.Name == nameof(KeyValueMap<int, int>.Increment) ? _function.Const(type.Ir, 1) : LowerValue(node.Arguments[1])!;
        var keySlot = ToStack(node.Arguments[0], map.KeyType);
        var pointer = _b.Call((long)Helper.MapLookupElem, IrType.MapValueOrNull, _b.MapRef(index), keySlot);
        return IfNotNull(pointer, IrType.I64,
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
                    var old = LoadScalar(pointer, 0, type);
                    _b.Store(pointer, 0, size, _b.Binary(Op.Add, type.Ir, old, delta));
                }
                return _b.I64(0);
            },
            () =>
            {
                var valueSlot = StoreToNewSlot(delta, map.ValueSize);
                return _b.Call((long)Helper.MapUpdateElem, IrType.I64, _b.MapRef(index), keySlot, valueSlot, _b.I64(0));
            });
    }

    /// <summary><c>bpf_map_lookup_elem(map, &amp;key)</c>: a value pointer or null.</summary>
    private Instr Lookup(int index, MapDefinition map, Expression key) =>
        _b.Call((long)Helper.MapLookupElem, IrType.MapValueOrNull, _b.MapRef(index), ToStack(key, map.KeyType));

    /// <summary>Branches on a lookup's result: <paramref name="whenFound"/> runs where the pointer is known non-null.</summary>
    private Value IfNotNull(Value pointer, IrType type, Func<Value> whenFound, Func<Value> whenMissing)
    {
        var (found, missing) = (NewBlock(), NewBlock());
        var join = new Join(NewBlock());
        _b.CondBr(_b.Cmp(Cond.Ne, pointer, _b.I64(0)), found, missing);
        SealAndStart(found);
        Arrive(join, whenFound());
        SealAndStart(missing);
        Arrive(join, whenMissing());
        return Complete(join, type)!;
    }

    /// <summary>Reads a scalar of <paramref name="type"/> at pointer + offset, canonical for its C# type.</summary>
    private Instr LoadScalar(Value pointer, long offset, ScalarLayout type)
    {
        var bytes = type.Bits == 1 ? 1 : type.Bits / 8;
        var loaded = _b.Load(type.Ir, pointer, offset, bytes);
        return type.IsNarrow && type.Signed ? _b.SExtIn(type.Ir, loaded, type.Bits) : loaded;
    }

    /// <summary>Evaluates <paramref name="node"/> into a fresh, zeroed stack slot; returns the slot's address.</summary>
    private Instr ToStack(Expression node, Type type)
    {
        ValueLayoutOf(node, type);
        return StoreToNewSlot(LowerValue(node)!, SizeOf(type));
    }

    private Instr StoreToNewSlot(Value value, int size)
    {
        var slot = _b.StackSlot((size + 7) & ~7);
        _b.Store(slot, 0, size, value);
        return slot;
    }

    private int ValueSizeOf(Expression node, Type type)
    {
        ValueLayoutOf(node, type);
        return SizeOf(type);
    }

    private static int SizeOf(Type type) => type == typeof(bool) ? 1 : System.Runtime.InteropServices.Marshal.SizeOf(type.IsEnum ? Enum.GetUnderlyingType(type) : type);

    /// <summary>The scalar layout of a key or value type, or a compile error (structs come with their field layouts).</summary>
    private ScalarLayout ValueLayoutOf(Expression node, Type type) =>
        ScalarLayout.Of(type) is { } scalar && type != typeof(char)
            ? scalar
            : throw Error(node, CompileErrors.MapLayout(type, "only primitive keys and values are supported yet"));
}
