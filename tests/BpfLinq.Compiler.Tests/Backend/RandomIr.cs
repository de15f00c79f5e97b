using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// Generates well-formed IR programs for the back end's property tests: a tc program over a
/// __sk_buff whose test-run values we control (mark, priority, cb[0..4]), with every scalar op at
/// both widths, conversions, context loads and stores of every size (signed too), helper calls that
/// clobber r1-r5 (results folded away with "and 0" so the answer does not depend on them, but they
/// still occupy registers), diamonds with phis (and one-sided ones that leave critical edges),
/// loops with constant trip counts carrying several values, and enough simultaneously live values to
/// force spills across calls. Deterministic in (seed, size).
/// </summary>
internal sealed class RandomIr
{
    private static readonly long[] s_interesting =
    [
        0, 1, -1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 100, 255, 256, 0x7f, 0x80, 0x7fff, 0x8000, 0xffff,
        0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, long.MaxValue, long.MinValue, int.MinValue, -6, -100,
    ];

    private static readonly Op[] s_binary =
        [Op.Add, Op.Sub, Op.Mul, Op.UDiv, Op.SDiv, Op.URem, Op.SRem, Op.And, Op.Or, Op.Xor, Op.Shl, Op.LShr, Op.AShr];

    private readonly Random _rng;
    private readonly Function _f;
    private readonly IrBuilder _b;
    private readonly Param _ctx;
    private readonly List<List<Value>> _scopes = [[]];
    private int _budget;
    private int _depth;
    private bool _inLoop;

    private RandomIr(int seed, int size)
    {
        _rng = new Random(seed);
        _budget = size;
        _f = new Function("random", IrType.I64);
        _ctx = _f.AddParam(IrType.CtxPtr);
        _b = new IrBuilder(_f) { Current = _f.AddBlock() };
    }

    /// <summary>A verified random function of about <paramref name="size"/> statements.</summary>
    public static Function Generate(int seed, int size)
    {
        var g = new RandomIr(seed, size);
        g.LoadContext();
        g.LoadContext();
        while (g._budget > 0)
        {
            g.Statement();
        }
        g.Return();
        IrVerifier.VerifyOrThrow(g._f, "random IR generator");
        return g._f;
    }

    private void Statement()
    {
        _budget--;
        var r = _rng.Next(100);
        if (r < 30)
        {
            Binary();
        }
        else if (r < 42)
        {
            Unary();
        }
        else if (r < 52)
        {
            LoadContext();
        }
        else if (r < 58)
        {
            StoreContext();
        }
        else if (r < 65)
        {
            Call();
        }
        else if (r < 79 && _depth < 3)
        {
            Diamond();
        }
        else if (r < 87 && !_inLoop && _depth < 2)
        {
            Loop();
        }
        else if (r < 91)
        {
            Pressure();
        }
        else
        {
            Binary();
        }
    }

    private void Binary()
    {
        var t = Type();
        Define(_b.Binary(s_binary[_rng.Next(s_binary.Length)], t, Pick(t), Pick(t)));
    }

    private void Unary()
    {
        var from = Type();
        var a = Pick(from, constantChance: 5);
        Define(_rng.Next(7) switch
        {
            0 => _b.Unary(Op.Neg, from, a),
            1 => _b.Unary(Op.Not, from, a),
            2 => from == IrType.I32 ? _b.Unary(Op.ZExt, IrType.I64, a) : _b.Unary(Op.Trunc, IrType.I32, a),
            3 => from == IrType.I32 ? _b.Unary(Op.SExt, IrType.I64, a) : _b.Unary(Op.Trunc, IrType.I32, a),
            4 => _b.SExtIn(from, a, from == IrType.I32 ? _rng.Next(2) * 8 + 8 : 8 << _rng.Next(3)),
            5 => _b.ByteSwap(from, a, from == IrType.I32 ? (_rng.Next(2) == 0 ? 16 : 32) : (16 << _rng.Next(3))),
            _ => _b.Unary(Op.Neg, from, a),
        });
    }

    // mark, priority, cb[0..4]: the fields a tc test run takes from ctx_in and hands back.
    private (int Offset, int Size) ContextField()
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
            return (KernelHarness.Cb + 8 * _rng.Next(2), 8);
        }
        var field = _rng.Next(7) switch
        {
            0 => KernelHarness.Mark,
            1 => KernelHarness.Priority,
            var k => KernelHarness.Cb + 4 * (k - 2),
        };
        return (field + size * _rng.Next(4 / size), size);
    }

    private void LoadContext()
    {
        var (offset, size) = ContextField();
        var type = size == 8 || _rng.Next(3) == 0 ? IrType.I64 : IrType.I32;
        var signed = size < 8 && _rng.Next(3) == 0 && !(size == 4 && type == IrType.I32);
        Define(_b.Load(type, _ctx, offset, size, signed));
    }

    private void StoreContext()
    {
        var (offset, size) = ContextField();
        if (size != 4 && offset < KernelHarness.Cb)
        {
            offset = KernelHarness.Cb + size * _rng.Next(16 / size); // tc writes mark and priority whole only
        }
        _b.Store(_ctx, offset, size, Pick(size == 8 ? IrType.I64 : IrType.I32));
    }

    private void Call()
    {
        var (id, args) = _rng.Next(5) switch
        {
            0 => (5L, Array.Empty<Value>()),                 // ktime_get_ns
            1 => (7L, []),                                    // get_prandom_u32
            2 => (8L, []),                                    // get_smp_processor_id
            3 => (46L, [(Value)_ctx]),                        // get_socket_cookie(ctx)
            _ => (28L, [I64(0), I64(0), I64(0), I64(0), Pick(IrType.I64)]), // csum_diff(NULL, 0, NULL, 0, seed)
        };
        var result = _b.Call(id, IrType.I64, args);
        var nothing = _b.Binary(Op.And, IrType.I64, result, I64(0));
        Define(_b.Binary(Op.Or, IrType.I64, Pick(IrType.I64, constantChance: 0), nothing));
    }

    private void Diamond()
    {
        var t = Type();
        var cmp = _b.Cmp((Cond)_rng.Next(12), Pick(t, constantChance: 10), Pick(t));
        var join = _f.AddBlock();
        var oneSided = _rng.Next(3) == 0;
        var thenBlock = _f.AddBlock();
        var elseBlock = oneSided ? join : _f.AddBlock();
        var from = _b.Current!;
        _b.CondBr(cmp, thenBlock, elseBlock);
        var (thenEnd, thenValues) = Side(thenBlock, join);
        var (elseEnd, elseValues) = oneSided ? (from, new List<Value>()) : Side(elseBlock, join);
        _b.Current = join;
        var phis = new List<Value>();
        for (var k = _rng.Next(1, 4); k > 0; k--)
        {
            var pt = Type();
            var phi = _b.Phi(join, pt);
            IrBuilder.AddPhiIncoming(phi, thenEnd, PickFrom(thenValues, pt));
            IrBuilder.AddPhiIncoming(phi, elseEnd, PickFrom(elseValues, pt));
            phis.Add(phi);
        }
        phis.ForEach(Define);
    }

    private (Block End, List<Value> Values) Side(Block start, Block join)
    {
        _b.Current = start;
        _scopes.Add([]);
        _depth++;
        for (var n = _rng.Next(4); n > 0 && _budget > 0; n--)
        {
            Statement();
        }
        _depth--;
        var values = _scopes[^1];
        _scopes.RemoveAt(_scopes.Count - 1);
        var end = _b.Current!;
        _b.Br(join);
        return (end, values);
    }

    private void Loop()
    {
        var t = Type();
        var trips = _rng.Next(1, 7);
        var pre = _b.Current!;
        var header = _f.AddBlock();
        var exit = _f.AddBlock();
        var inits = Enumerable.Range(0, _rng.Next(1, 4)).Select(_ => Pick(Type())).ToList();
        _b.Br(header);
        _b.Current = header;
        var i = _b.Phi(header, t);
        var accumulators = inits.Select(v => _b.Phi(header, v.Type)).ToList();
        _scopes.Add([i, .. accumulators]);
        _inLoop = true;
        _depth++;
        for (var n = _rng.Next(1, 5); n > 0 && _budget > 0; n--)
        {
            Statement();
        }
        var latch = _b.Current!;
        var next = _b.Binary(Op.Add, t, i, Const(t, 1));
        var updates = accumulators.Select(a => _b.Binary(s_binary[_rng.Next(s_binary.Length)], a.Type, a, Pick(a.Type))).ToList();
        var cond = _rng.Next(3) switch
        {
            0 => Cond.SLt,
            1 => Cond.ULt,
            _ => Cond.Ne,
        };
        _b.CondBr(_b.Cmp(cond, next, Const(t, trips)), header, exit);
        IrBuilder.AddPhiIncoming(i, pre, Const(t, 0));
        IrBuilder.AddPhiIncoming(i, latch, next);
        for (var k = 0; k < accumulators.Count; k++)
        {
            IrBuilder.AddPhiIncoming(accumulators[k], pre, inits[k]);
            IrBuilder.AddPhiIncoming(accumulators[k], latch, updates[k]);
        }
        _depth--;
        _inLoop = false;
        _scopes.RemoveAt(_scopes.Count - 1);
        _b.Current = exit;
        foreach (var v in accumulators.Concat<Value>(updates))
        {
            Define(v);
        }
    }

    // Many values at once, all kept for the return: more live values than registers.
    private void Pressure()
    {
        for (var n = _rng.Next(8, 16); n > 0; n--)
        {
            if (_rng.Next(2) == 0)
            {
                LoadContext();
            }
            else
            {
                Binary();
            }
        }
    }

    private void Return()
    {
        var all = _scopes[0].ToList();
        Value result = I64(_rng.Next());
        foreach (var v in all.Skip(Math.Max(0, all.Count - 24)))
        {
            var wide = v.Type == IrType.I32 ? _b.Unary(_rng.Next(2) == 0 ? Op.ZExt : Op.SExt, IrType.I64, v) : v;
            result = _b.Binary(_rng.Next(3) switch { 0 => Op.Add, 1 => Op.Xor, _ => Op.Sub }, IrType.I64, result, wide);
        }
        _b.Ret(result);
    }

    private IrType Type() => _rng.Next(2) == 0 ? IrType.I32 : IrType.I64;

    private void Define(Value v) => _scopes[^1].Add(v);

    private Value Pick(IrType type, int constantChance = 20)
    {
        if (_rng.Next(100) >= constantChance)
        {
            var count = 0;
            foreach (var scope in _scopes)
            {
                count += scope.Count(v => v.Type == type);
            }
            if (count > 0)
            {
                var k = _rng.Next(count);
                foreach (var scope in _scopes)
                {
                    foreach (var v in scope)
                    {
                        if (v.Type == type && k-- == 0)
                        {
                            return v;
                        }
                    }
                }
            }
        }
        return Const(type, _rng.Next(4) == 0 ? _rng.NextInt64() : s_interesting[_rng.Next(s_interesting.Length)]);
    }

    private Value PickFrom(List<Value> local, IrType type)
    {
        var candidates = local.Where(v => v.Type == type).ToList();
        return candidates.Count > 0 && _rng.Next(3) > 0 ? candidates[_rng.Next(candidates.Count)] : Pick(type);
    }

    private Constant Const(IrType type, long value) => _f.Const(type, value);

    private Constant I64(long value) => _f.Const(IrType.I64, value);
}
