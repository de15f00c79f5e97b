using System.Linq.Expressions;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Golden;

// Hand-built trees (what C# lambdas cannot hold): blocks and variables, assignment, loops with a
// constant bound, goto/label, and switch.
internal static partial class GoldenCases
{
    private static IEnumerable<GoldenCase> HandBuilt()
    {
        var skb = E.Parameter(typeof(SkBuff), "skb");
        var mark = E.Property(skb, nameof(SkBuff.Mark));
        var priority = E.Property(skb, nameof(SkBuff.Priority));
        GoldenCase Tree(string name, ProgramKind kind, E body) =>
            GoldenCase.SkbTree(name, kind, E.Lambda<Func<SkBuff, long>>(body.Type == typeof(long) ? body : E.Convert(body, typeof(long)), skb));

        // { uint x = skb.Mark; x += skb.Priority; x *= 3; x ^= x >> 7; return x; }
        var x = E.Variable(typeof(uint), "x");
        yield return Tree("HandBuilt/BlockAndCompoundAssign", ProgramKind.SocketFilter, E.Block([x],
            E.Assign(x, mark),
            E.AddAssign(x, priority),
            E.MultiplyAssign(x, E.Constant(3u)),
            E.ExclusiveOrAssign(x, E.RightShift(x, E.Constant(7))),
            x));

        // { int i = 0; long sum = 0; while (true) { if (i >= 16) break; sum += skb.Cb[i & 3] ... } }
        var i = E.Variable(typeof(int), "i");
        var sum = E.Variable(typeof(long), "sum");
        var done = E.Label("done");
        yield return Tree("HandBuilt/LoopConstantBound", ProgramKind.Tc, E.Block([i, sum],
            E.Assign(i, E.Constant(0)),
            E.Assign(sum, E.Constant(0L)),
            E.Loop(
                E.Block(
                    E.IfThen(E.GreaterThanOrEqual(i, E.Constant(16)), E.Break(done)),
                    E.AddAssign(sum, E.Convert(E.Add(mark, E.Convert(i, typeof(uint))), typeof(long))),
                    E.PostIncrementAssign(i)),
                done),
            sum));

        // A loop with a continue label, counting set bits of mark (at most 32 iterations).
        var bits = E.Variable(typeof(uint), "bits");
        var count = E.Variable(typeof(int), "count");
        var k = E.Variable(typeof(int), "k");
        var exit = E.Label("exit");
        var next = E.Label("next");
        yield return Tree("HandBuilt/LoopContinue", ProgramKind.Tc, E.Block([bits, count, k],
            E.Assign(bits, mark),
            E.Assign(k, E.Constant(0)),
            E.Loop(
                E.Block(
                    E.IfThen(E.Equal(k, E.Constant(32)), E.Break(exit)),
                    E.PostIncrementAssign(k),
                    E.IfThen(E.Equal(E.And(E.RightShift(bits, E.Subtract(k, E.Constant(1))), E.Constant(1u)), E.Constant(0u)), E.Continue(next)),
                    E.PreIncrementAssign(count)),
                exit,
                next),
            count));

        // goto: if (mark == 0) goto zero; return mark * 2; zero: return 99;
        var zero = E.Label("zero");
        var result = E.Label(typeof(long), "result");
        yield return Tree("HandBuilt/GotoLabel", ProgramKind.SocketFilter, E.Block(
            E.IfThen(E.Equal(mark, E.Constant(0u)), E.Goto(zero)),
            E.Return(result, E.Convert(E.Multiply(mark, E.Constant(2u)), typeof(long))),
            E.Label(zero),
            E.Label(result, E.Constant(99L))));

        // switch (mark) { case 1: 10; case 2, 3: 20; case 100: 30; default: 0 }
        yield return Tree("HandBuilt/Switch", ProgramKind.SocketFilter, E.Switch(mark, E.Constant(0L),
            E.SwitchCase(E.Constant(10L), E.Constant(1u)),
            E.SwitchCase(E.Constant(20L), E.Constant(2u), E.Constant(3u)),
            E.SwitchCase(E.Constant(30L), E.Constant(100u))));

        // A switch with many cases (the front end may use a binary search).
        yield return Tree("HandBuilt/SwitchMany", ProgramKind.SocketFilter, E.Switch(priority, E.Constant(-1L),
            Enumerable.Range(0, 12).Select(n => E.SwitchCase(E.Constant((long)n * n), E.Constant((uint)(n * 5)))).ToArray()));
    }
}
