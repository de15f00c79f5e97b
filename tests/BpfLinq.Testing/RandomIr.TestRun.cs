using BpfLinq.Compiler.Ir;

namespace BpfLinq.Testing;

// The statements of GenerateForTc that differ: what a tc test run lets a program read, write and call.
internal sealed partial class RandomIr
{
    private static readonly int s_mark = ContextOffsets.SkBuff(nameof(SkBuff.Mark));
    private static readonly int s_priority = ContextOffsets.SkBuff(nameof(SkBuff.Priority));
    private static readonly int s_cb = ContextOffsets.SkBuff(nameof(SkBuff.Cb));

    // mark, priority, cb[0..4]: the fields a tc test run takes from ctx_in and hands back.
    private (int Offset, int Size) TestRunField()
    {
        var size = _rng.Next(10) switch
        {
            < 5 => 4,
            < 7 => 1,
            < 9 => 2,
            _ => 8,
        };
        if (size == 8)
        {
            return (s_cb + 8 * _rng.Next(2), 8);
        }
        var field = _rng.Next(7) switch
        {
            0 => s_mark,
            1 => s_priority,
            var k => s_cb + 4 * (k - 2),
        };
        return (field + size * _rng.Next(4 / size), size);
    }

    private void LoadTestRunField()
    {
        var (offset, size) = TestRunField();
        var type = size == 8 || _rng.Next(3) == 0 ? IrType.I64 : IrType.I32;
        var signed = size < 8 && _rng.Next(3) == 0 && !(size == 4 && type == IrType.I32);
        Define(_b.Load(type, _f.Params[0], offset, size, signed));
    }

    private void StoreTestRunField()
    {
        var (offset, size) = TestRunField();
        if (size != 4 && offset < s_cb)
        {
            offset = s_cb + size * _rng.Next(16 / size); // tc writes mark and priority whole only
        }
        _b.Store(_f.Params[0], offset, size, Pick(size == 8 ? IrType.I64 : IrType.I32));
    }

    // A helper the kernel really has; its result is and-ed with 0 so the answer does not depend on it.
    private void CallRealHelper()
    {
        var zero = _f.Const(IrType.I64, 0);
        var (id, args) = _rng.Next(5) switch
        {
            0 => (5L, Array.Empty<Value>()),                 // ktime_get_ns
            1 => (7L, []),                                    // get_prandom_u32
            2 => (8L, []),                                    // get_smp_processor_id
            3 => (46L, [_f.Params[0]]),                       // get_socket_cookie(ctx)
            _ => (28L, [zero, zero, zero, zero, Pick(IrType.I64)]), // csum_diff(NULL, 0, NULL, 0, seed)
        };
        var result = _b.Call(id, IrType.I64, args);
        var nothing = _b.Binary(Op.And, IrType.I64, result, zero);
        Define(_b.Binary(Op.Or, IrType.I64, PickVariable(IrType.I64), nothing));
    }

    // Many values at once, all kept for the result: more live values than registers.
    private void Pressure()
    {
        for (var n = _rng.Next(8, 16); n > 0; n--)
        {
            if (_rng.Next(2) == 0)
            {
                LoadTestRunField();
            }
            else
            {
                Arithmetic();
            }
        }
    }

    // The result of a tc program: the most recent values of both widths folded together, so they all stay live until the end.
    private Value FoldAll()
    {
        Value result = _f.Const(IrType.I64, _rng.Next());
        var all = _env.I64.Concat(_env.I32).ToList();
        foreach (var v in all.Skip(Math.Max(0, all.Count - 24)))
        {
            var wide = v.Type == IrType.I32 ? _b.Unary(_rng.Next(2) == 0 ? Op.ZExt : Op.SExt, IrType.I64, v) : v;
            result = _b.Binary(_rng.Next(3) switch { 0 => Op.Add, 1 => Op.Xor, _ => Op.Sub }, IrType.I64, result, wide);
        }
        return result;
    }
}
