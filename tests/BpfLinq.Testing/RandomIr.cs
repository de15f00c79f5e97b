using BpfLinq.Compiler.Ir;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Testing;

/// <summary>
/// Random well-formed IR functions, for property tests of passes, analyses and the backend.
/// A function is built from a seed and a size with the shapes the front end produces: straight-line
/// arithmetic of every scalar op over i32 and i64 (constants biased to edge values), conversions,
/// context loads (some through <c>ptradd</c>), rare context stores and helper calls, if/else
/// diamonds with phis (an arm may return early), bounded counting loops with loop-carried phis,
/// and branch conditions as the front end lowers them: plain compares, <c>&amp;&amp;</c>/<c>||</c>
/// chains, <c>!</c>, and booleans materialised as 0/1 phis and then tested. The signature is
/// always <see cref="Signature"/>; the IR interpreter runs the result.
/// <see cref="GenerateForTc"/> makes the same shapes as a tc program the kernel can test-run (see there).
/// The same (seed, size) always gives the same function.
/// </summary>
internal sealed partial class RandomIr
{
    /// <summary>The header every generated function has: a context pointer, two i64 and two i32 arguments.</summary>
    public const string Signature = "func rand(v0: ctxptr, v1: i64, v2: i64, v3: i32, v4: i32) -> i64";

    /// <summary>Bytes of context the generated loads and stores stay within.</summary>
    public const int ContextSize = 64;

    /// <summary>Constants that sit at the edges of 8, 16, 32 and 64-bit ranges, shift widths and powers of two.</summary>
    public static IReadOnlyList<long> EdgeValues => s_edges;

    private static readonly long[] s_edges =
    [
        0, 1, -1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
        int.MaxValue, int.MinValue, 0xffff_ffffL, 0x8000_0000L, 0x1_0000_0000L, long.MaxValue, long.MinValue, -2, -8,
    ];

    private static readonly Op[] s_binary = [Op.Add, Op.Sub, Op.Mul, Op.UDiv, Op.SDiv, Op.URem, Op.SRem, Op.And, Op.Or, Op.Xor, Op.Shl, Op.LShr, Op.AShr];

    private readonly Random _rng;
    private readonly Function _f;
    private readonly IrBuilder _b;
    private readonly bool _forTc;
    private int _budget;
    private Env _env = new([], []);

    private RandomIr(int seed, int size, bool forTc)
    {
        _rng = new Random(seed);
        _f = new Function("rand", IrType.I64);
        _b = new IrBuilder(_f) { Current = _f.AddBlock() };
        _budget = size;
        _forTc = forTc;
    }

    /// <summary>Generates a function with about <paramref name="size"/> statements.</summary>
    public static Function Generate(int seed, int size) => new RandomIr(seed, Math.Max(1, size), forTc: false).Build();

    /// <summary>
    /// Generates a tc program of about <paramref name="size"/> statements that the kernel can test-run
    /// and the IR interpreter predicts (see <see cref="KernelHarness.Interpret"/>): its only parameter
    /// is the <c>__sk_buff</c>; it reads and writes only the fields a test run takes from <c>ctx_in</c>
    /// (mark, priority, cb, at every width, signed too); its helper calls are real ones whose results
    /// are folded away (they still clobber r1-r5); it has no packet reads, no context pointer
    /// arithmetic, and bursts of values live at once that force spills across calls.
    /// </summary>
    public static Function GenerateForTc(int seed, int size) => new RandomIr(seed, Math.Max(1, size), forTc: true).Build();

    /// <summary>FsCheck cases: a seed and a size of up to <paramref name="maxSize"/>; shrinking tries smaller sizes.</summary>
    public static Arbitrary<IrCase> Cases(int maxSize = 30) =>
        Arb.From(
            Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, maxSize), (seed, size) => new IrCase(seed, size)),
            c => Enumerable.Range(1, c.Size - 1).Reverse().Select(s => c with { Size = s }));

    /// <summary>
    /// How many random functions a property tries: <paramref name="usual"/>, times the factor in
    /// <c>BPFLINQ_IR_SCALE</c> when it is set (e.g. <c>BPFLINQ_IR_SCALE=50</c> for a long run).
    /// </summary>
    public static int Count(int usual) =>
        int.TryParse(Environment.GetEnvironmentVariable("BPFLINQ_IR_SCALE"), out var scale) && scale > 0 ? usual * scale : usual;

    /// <summary>Argument vectors for <see cref="Signature"/>, biased to edge values.</summary>
    public static Gen<long[]> Args =>
        Gen.Frequency((3, Gen.Elements(s_edges)), (2, Gen.Choose(-300, 300).Select(v => (long)v)), (3, ArbMap.Default.GeneratorFor<long>()))
            .ArrayOf(5);

    /// <summary>A context of <see cref="ContextSize"/> random bytes.</summary>
    public static Gen<byte[]> Context => ArbMap.Default.GeneratorFor<byte>().ArrayOf(ContextSize);

    private Function Build()
    {
        _f.AddParam(IrType.CtxPtr);
        if (_forTc)
        {
            Load();
            Load();
        }
        else
        {
            _env = new Env([_f.AddParam(IrType.I64), _f.AddParam(IrType.I64)], [_f.AddParam(IrType.I32), _f.AddParam(IrType.I32)]);
        }
        Region(depth: 0, inLoop: false);
        if (!_b.IsTerminated)
        {
            _b.Ret(Result());
        }
        IrVerifier.VerifyOrThrow(_f, "random IR generator");
        return _f;
    }

    // Statements until this region's share of the budget is spent or it returned.
    private void Region(int depth, bool inLoop)
    {
        var count = _rng.Next(1, 5);
        for (var k = 0; k < count && _budget > 0 && !_b.IsTerminated; k++)
        {
            _budget--;
            var roll = _rng.Next(100);
            switch (roll)
            {
                case < 40: Arithmetic(); break;
                case < 50: Conversion(); break;
                case < 58: Load(); break;
                case < 61 when _forTc: Pressure(); break;
                case < 61: PacketRead(); break;
                case < 63: Store(); break;
                case < 66: Call(); break;
                case < 85 when depth < 3: Diamond(depth, inLoop); break;
                case < 93 when depth < 2: Loop(depth); break;
                case < 96 when depth > 0 && !inLoop: _b.Ret(Result()); break;
                default: Arithmetic(); break;
            }
        }
    }

    private Value Result()
    {
        if (_forTc)
        {
            return FoldAll();
        }
        // Fold several live values into the result, so most computations matter.
        Value acc = Pick(IrType.I64);
        for (var k = _rng.Next(0, 5); k > 0; k--)
        {
            var v = _rng.Next(2) == 0 ? Pick(IrType.I64) : _b.Unary(_rng.Next(2) == 0 ? Op.ZExt : Op.SExt, IrType.I64, Pick(IrType.I32));
            acc = _b.Binary(_rng.Next(2) == 0 ? Op.Xor : Op.Add, IrType.I64, acc, v);
        }
        return acc;
    }

    private sealed record Env(List<Value> I64, List<Value> I32)
    {
        public Env Copy() => new([.. I64], [.. I32]);

        public List<Value> Of(IrType t) => t == IrType.I64 ? I64 : I32;
    }
}

