using BpfLinq.Compiler.Ir;

namespace BpfLinq.Testing;

// Straight-line statements: each appends to the current block and makes its result available.
internal sealed partial class RandomIr
{
    private IrType AnyScalar() => _rng.Next(2) == 0 ? IrType.I32 : IrType.I64;

    private Constant Const(IrType type) => _f.Const(type, _rng.Next(4) switch
    {
        0 => _rng.Next(-16, 17),
        1 => 1L << _rng.Next(64),
        _ => s_edges[_rng.Next(s_edges.Length)],
    });

    // An available value of the type (recent ones preferred), sometimes a constant.
    private Value Pick(IrType type)
    {
        var pool = _env.Of(type);
        if (pool.Count == 0 || _rng.Next(5) == 0)
        {
            return Const(type);
        }
        var recent = Math.Min(pool.Count, 4);
        return _rng.Next(3) == 0 ? pool[_rng.Next(pool.Count)] : pool[pool.Count - 1 - _rng.Next(recent)];
    }

    // A non-constant available value when there is one (an operand that is not folded away at once).
    private Value PickVariable(IrType type)
    {
        var pool = _env.Of(type);
        return pool.Count == 0 ? Const(type) : pool[pool.Count - 1 - _rng.Next(Math.Min(pool.Count, 5))];
    }

    private void Define(Value v) => _env.Of(v.Type).Add(v);

    private void Arithmetic()
    {
        var type = AnyScalar();
        if (_rng.Next(6) == 0)
        {
            Define(_b.Unary(_rng.Next(2) == 0 ? Op.Neg : Op.Not, type, PickVariable(type)));
            return;
        }
        var op = s_binary[_rng.Next(s_binary.Length)];
        var a = _rng.Next(8) == 0 ? Const(type) : PickVariable(type);
        var b = _rng.Next(3) == 0 ? PickVariable(type) : Pick(type);
        if (_rng.Next(10) == 0)
        {
            b = a; // x - x, x ^ x, x & x ...
        }
        var v = _b.Binary(op, type, a, b);
        Define(v);
        if (_rng.Next(4) == 0)
        {
            Define(_b.Binary(op, type, v, Const(type))); // reassociation chains: (x + c1) + c2
        }
    }

    // pkt.load at a constant or small variable offset (some beyond a short packet), sometimes
    // after counting VLAN tags, and often tested right away, as header filters do.
    private void PacketRead()
    {
        Value offset = _rng.Next(3) switch
        {
            0 => _f.Const(IrType.I32, _rng.Next(0, 48)),
            1 => _b.Binary(Op.Shl, IrType.I32, _b.Binary(Op.And, IrType.I32, PickVariable(IrType.I32), _f.Const(IrType.I32, 15)), _f.Const(IrType.I32, 2)),
            _ => _b.Binary(Op.Shl, IrType.I32, _b.Emit(new Instr(Op.VlanSkip, IrType.I32, [_f.Const(IrType.I32, 0)]) { Anchor = (PacketAnchor)_rng.Next(3), Imm = _rng.Next(1, 3) }), _f.Const(IrType.I32, 2)),
        };
        var size = new[] { 1, 2, 4, 8 }[_rng.Next(4)];
        var read = _b.Emit(new Instr(Op.PacketLoad, size == 8 ? IrType.I64 : IrType.I32, [offset]) { Anchor = (PacketAnchor)_rng.Next(3), Imm = _rng.Next(0, 24), Size = size });
        Define(read);
    }

    private void Conversion()
    {
        switch (_rng.Next(6))
        {
            case 0: Define(_b.Unary(Op.ZExt, IrType.I64, PickVariable(IrType.I32))); break;
            case 1: Define(_b.Unary(Op.SExt, IrType.I64, PickVariable(IrType.I32))); break;
            case 2: Define(_b.Unary(Op.Trunc, IrType.I32, PickVariable(IrType.I64))); break;
            case 3:
            {
                var type = AnyScalar();
                int[] bits = type == IrType.I64 ? [8, 16, 32] : [8, 16];
                Define(_b.SExtIn(type, PickVariable(type), bits[_rng.Next(bits.Length)]));
                break;
            }
            case 4:
            {
                var type = AnyScalar();
                int[] bits = type == IrType.I64 ? [16, 32, 64] : [16, 32];
                Define(_b.ByteSwap(type, PickVariable(type), bits[_rng.Next(bits.Length)]));
                break;
            }
            default:
            {
                // (int)(a + b) over widened ints: the narrowing rules' shape.
                var a = _b.Unary(Op.ZExt, IrType.I64, PickVariable(IrType.I32));
                var sum = _b.Binary(s_binary[_rng.Next(6)], IrType.I64, a, Pick(IrType.I64));
                Define(_b.Unary(Op.Trunc, IrType.I32, sum));
                break;
            }
        }
    }

    private void Load()
    {
        if (_forTc)
        {
            LoadTestRunField();
            return;
        }
        var size = 1 << _rng.Next(4);
        var type = size == 8 ? IrType.I64 : AnyScalar();
        // Often a field read before (the same offset and width): what CSE looks for.
        var offset = (_rng.Next(2) == 0 ? _rng.Next(3) * 8 : _rng.Next(ContextSize / size)) * size % ContextSize;
        Value pointer = _f.Params[0];
        if (_rng.Next(4) == 0)
        {
            var skip = _rng.Next(offset / size + 1) * size;
            pointer = _b.PtrAdd(pointer, _f.Const(IrType.I64, skip));
            offset -= skip;
        }
        Define(_b.Load(type, pointer, offset, size, signed: size < 8 && _rng.Next(3) == 0));
    }

    private void Store()
    {
        if (_forTc)
        {
            StoreTestRunField();
            return;
        }
        var size = 1 << _rng.Next(4);
        var value = size == 8 ? Pick(IrType.I64) : Pick(IrType.I32);
        _b.Store(_f.Params[0], _rng.Next(ContextSize / size) * size, size, value);
    }

    private void Call()
    {
        if (_forTc)
        {
            CallRealHelper();
            return;
        }
        var args = Enumerable.Range(0, _rng.Next(4)).Select(_ => Pick(IrType.I64)).ToArray();
        Define(_b.Call(_rng.Next(1, 4), IrType.I64, args));
    }
}
