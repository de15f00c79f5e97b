using System.Linq.Expressions;
using BpfLinq.Maps;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Subprograms and loops in the kernel: BpfFunction calls as BPF-to-BPF calls or inlined copies,
/// loop intrinsics as bounded loops or bpf_loop callbacks; every form verifies and returns what the
/// managed model returns on the same packets.
/// </summary>
public sealed class FunctionAndLoopTests
{
    private static readonly BpfFunction<SkBuff, uint, bool> s_longerThan =
        new((skb, n) => skb.Len > n && skb.Protocol != 0, FunctionInlining.Never, "longer_than");

    private static readonly BpfFunction<uint, uint, uint> s_mix =
        new((a, b) => (a * 31) ^ (b >> 3) ^ (a + b), FunctionInlining.Never, "mix");

    private static readonly BpfFunction<uint, long> s_negate = new(x => (long)-(int)x, FunctionInlining.Never, "negate");

    private static readonly BpfFunction<uint, uint> s_increment = new(x => x + 1, FunctionInlining.Always, "increment");

    private static readonly byte[][] s_frames = [Frame(34), Frame(60), Frame(61), Frame(100), Frame(200)];

    public static TheoryData<string, BpfFilter<SkBuff>> Programs => new()
    {
        { "subprogram with the context", Bpf.Filter<SkBuff>(skb => s_longerThan.Invoke(skb, 60) ? Drop : Pass) },
        { "one subprogram, two calls", Bpf.Program<SkBuff>(skb => s_mix.Invoke(skb.Len, 7) + s_mix.Invoke(skb.Protocol, skb.Len)) },
        { "subprogram returning a long (all 64 bits reach the caller)", Bpf.Program<SkBuff>(skb => (s_negate.Invoke(skb.Len) >> 32) + (s_negate.Invoke(skb.Len) & 0xff)) },
        { "inlined function", Bpf.Program<SkBuff>(skb => s_increment.Invoke(skb.Len)) },
        { "fold inline", Bpf.Program<SkBuff>(skb => Bpf.Fold(16, 0L, (i, acc) => acc + skb.Packet.U8(i), LoopStrategy.Inline)) },
        { "fold unrolled reading packets", Bpf.Program<SkBuff>(skb => Bpf.Fold(16, 0L, (i, acc) => acc + skb.Packet.U8(30 + i), LoopStrategy.Unroll)) },
        { "any unrolled", Bpf.Filter<SkBuff>(skb => Bpf.Any(8, i => skb.Packet.U8(34 + (i * 4)) == 0x38, LoopStrategy.Unroll) ? Drop : Pass) },
        { "first index unrolled (Auto)", Bpf.Program<SkBuff>(skb => Bpf.FirstIndex(12, i => (skb.Len >> i) == 1)) },
        { "fold callback reading packets", Bpf.Program<SkBuff>(skb => Bpf.Fold(24, 0L, (i, acc) => acc + skb.Packet.U8(30 + i), LoopStrategy.Callback)) },
        { "fold callback", Bpf.Program<SkBuff>(skb => Bpf.Fold(16, (long)skb.Len, (i, acc) => acc * 3 + i, LoopStrategy.Callback)) },
        { "first index callback", Bpf.Program<SkBuff>(skb => Bpf.FirstIndex((int)skb.Len, i => i * i > skb.Len, LoopStrategy.Callback)) },
        { "any callback with a subprogram", Bpf.Filter<SkBuff>(skb => Bpf.Any(4, i => s_longerThan.Invoke(skb, (uint)i * 50), LoopStrategy.Callback) ? Drop : Pass) },
        { "nested callbacks", Bpf.Program<SkBuff>(skb => Bpf.Fold(3, 0, (i, a) => a + Bpf.FirstIndex(8, j => j > i + (int)(skb.Len & 3), LoopStrategy.Callback), LoopStrategy.Callback)) },
    };

    [KernelTheory]
    [MemberData(nameof(Programs))]
    public void Verifies_and_agrees_with_the_managed_model(string name, BpfFilter<SkBuff> filter)
    {
        using var program = filter.Compile(ProgramKind.Tc).Load();
        foreach (var frame in s_frames)
        {
            var kernel = program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue;
            var managed = (uint)filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, frame), ProgramKind.Tc);
            kernel.ShouldBe(managed, $"{name} on a {frame.Length}-byte frame");
        }
    }

    [Fact]
    public void A_subprogram_called_twice_is_compiled_once()
    {
        var program = Bpf.Program<SkBuff>(skb => s_mix.Invoke(skb.Len, 7) + s_mix.Invoke(skb.Protocol, skb.Len)).Compile(ProgramKind.Tc);

        program.Functions.Select(f => f.Name).ShouldBe(["filter", "mix"]);
        program.FuncInfo.Length.ShouldBe(2);
    }

    [Fact]
    public void Recursion_is_a_compile_error()
    {
        BpfFunction<uint, uint>? self = null;
        self = new BpfFunction<uint, uint>(x => x == 0 ? 0 : self!.Invoke(x - 1), FunctionInlining.Never, "self");
        var filter = Bpf.Program<SkBuff>(skb => self.Invoke(skb.Len));

        Should.Throw<BpfCompileException>(() => filter.Compile(ProgramKind.Tc)).Message.ShouldContain("calls itself");
    }

    // Found by the differential run BPFLINQ_DIFF_SEED=2538621300128519440 (subprogram variant): one loop
    // block used twice (`e != 0 ? e : 0`) inside a subprogram. Its body skipped unshare-labels, so
    // both copies shared one break label and the first loop's exit entered the second loop.
    [KernelFact]
    public void A_loop_used_twice_in_a_subprogram_runs_twice_each_with_its_own_labels()
    {
        var ctx = Expression.Parameter(typeof(SkBuff), "skb");
        var i = Expression.Variable(typeof(int), "i");
        var end = Expression.Label("end");
        var shared = Expression.Block(
            [i],
            Expression.Assign(i, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(Expression.LessThan(i, Expression.Constant(3)), Expression.PreIncrementAssign(i), Expression.Break(end)),
                end),
            Expression.Add(Expression.Convert(i, typeof(long)), Expression.Convert(Expression.Property(ctx, nameof(SkBuff.Len)), typeof(long))));
        var body = Expression.Condition(Expression.NotEqual(shared, Expression.Constant(0L)), shared, Expression.Constant(7L));
        var twice = new BpfFunction<SkBuff, long>(Expression.Lambda<Func<SkBuff, long>>(body, ctx), FunctionInlining.Never, "twice");
        var filter = Bpf.Program<SkBuff>(skb => twice.Invoke(skb));

        using var program = filter.Compile(ProgramKind.Tc).Load();

        foreach (var frame in s_frames)
        {
            var kernel = program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue;
            kernel.ShouldBe((uint)filter.Evaluate(TestRunContext.ForSkb(ProgramKind.Tc, frame), ProgramKind.Tc));
        }
    }

    private static byte[] Frame(int length)
    {
        var frame = new byte[length];
        frame[12] = 0x08;
        for (var i = 34; i < length; i++) // an IPv4 header of zeros (the test run insists on 20 bytes of it), then a pattern
        {
            frame[i] = (byte)(i * 7);
        }
        return frame;
    }
}
