using System.Linq.Expressions;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Compiler.Tests.Frontend.Semantics;

/// <summary>Hand-built trees: blocks, variables, assignments, loops, gotos, labels, switches, verdict variables.</summary>
internal static class ControlCases
{
    public static void AddTo(SemanticCaseList cases)
    {
        cases.Tree("block with variables", skb =>
        {
            var x = E.Variable(typeof(int), "x");
            var y = E.Variable(typeof(long), "y");
            return E.Block([x, y], E.Assign(x, Cb(skb, 0, typeof(int))), E.Assign(y, E.Convert(x, typeof(long))), E.Add(y, E.Convert(x, typeof(long))));
        });
        cases.Tree("variables start at zero", skb =>
        {
            var x = E.Variable(typeof(uint), "x");
            return E.Block([x], E.Convert(E.Add(x, Cb(skb, 0, typeof(uint))), typeof(long)));
        });
        foreach (var op in new[] { ExpressionType.AddAssign, ExpressionType.SubtractAssign, ExpressionType.MultiplyAssign,
            ExpressionType.AndAssign, ExpressionType.OrAssign, ExpressionType.ExclusiveOrAssign })
        {
            foreach (var t in new[] { typeof(short), typeof(int), typeof(uint), typeof(ulong) })
            {
                cases.Tree($"{op}<{t.Name}>", skb =>
                {
                    var x = E.Variable(t, "x");
                    return E.Block([x], E.Assign(x, Cb(skb, 0, t)), E.MakeBinary(op, x, Cb(skb, 1, t)), OperatorCases.Widen(x));
                });
            }
        }
        foreach (var op in new[] { ExpressionType.LeftShiftAssign, ExpressionType.RightShiftAssign })
        {
            foreach (var t in new[] { typeof(int), typeof(long), typeof(ushort) })
            {
                cases.Tree($"{op}<{t.Name}>", skb =>
                {
                    var x = E.Variable(t, "x");
                    return E.Block([x], E.Assign(x, Cb(skb, 0, t)), E.MakeBinary(op, x, Cb(skb, 1, typeof(int))), OperatorCases.Widen(x));
                });
            }
        }
        cases.Tree("guarded DivideAssign and ModuloAssign", skb =>
        {
            var x = E.Variable(typeof(uint), "x");
            var d = E.Variable(typeof(uint), "d");
            return E.Block([x, d], E.Assign(x, Cb(skb, 0, typeof(uint))), E.Assign(d, Cb(skb, 1, typeof(uint))),
                E.IfThen(E.NotEqual(d, E.Constant(0u)), E.Block(E.DivideAssign(x, d), E.ModuloAssign(x, d))),
                E.Convert(x, typeof(long)));
        });
        foreach (var kind in new[] { ExpressionType.PreIncrementAssign, ExpressionType.PostIncrementAssign,
            ExpressionType.PreDecrementAssign, ExpressionType.PostDecrementAssign })
        {
            foreach (var t in new[] { typeof(short), typeof(int), typeof(ulong) })
            {
                cases.Tree($"{kind}<{t.Name}>", skb =>
                {
                    var x = E.Variable(t, "x");
                    var old = E.Variable(t, "old");
                    return E.Block([x, old], E.Assign(x, Cb(skb, 0, t)), E.Assign(old, E.MakeUnary(kind, x, null!)),
                        E.Add(E.Multiply(OperatorCases.Widen(old), E.Constant(3L)), OperatorCases.Widen(x)));
                });
            }
        }
        cases.Tree("constant-bounded loop", skb =>
        {
            var i = E.Variable(typeof(int), "i");
            var sum = E.Variable(typeof(uint), "sum");
            var done = E.Label("done");
            return E.Block([i, sum],
                E.Loop(E.Block(
                    E.IfThen(E.GreaterThanOrEqual(i, E.Constant(10)), E.Break(done)),
                    E.AddAssign(sum, E.Multiply(Cb(skb, 0, typeof(uint)), E.Convert(i, typeof(uint)))),
                    E.PreIncrementAssign(i)), done),
                E.Convert(sum, typeof(long)));
        });
        cases.Tree("data-bounded loop with continue and a valued break", skb =>
        {
            var i = E.Variable(typeof(uint), "i");
            var acc = E.Variable(typeof(uint), "acc");
            var brk = E.Label(typeof(uint), "brk");
            var cont = E.Label("cont");
            return E.Convert(E.Block([i, acc],
                E.Loop(E.Block(
                    E.PostIncrementAssign(i),
                    E.IfThen(E.GreaterThan(i, E.And(Cb(skb, 0, typeof(uint)), E.Constant(31u))), E.Break(brk, acc)),
                    E.IfThen(E.Equal(E.And(i, E.Constant(1u)), E.Constant(0u)), E.Continue(cont)),
                    E.AddAssign(acc, i)), brk, cont)), typeof(long));
        });
        cases.Tree("block variables are made anew on every iteration", skb =>
        {
            var i = E.Variable(typeof(int), "i");
            var x = E.Variable(typeof(int), "x");
            var brk = E.Label(typeof(int), "brk");
            return E.Convert(E.Block([i], E.Loop(E.Block([x],
                E.IfThen(E.GreaterThanOrEqual(i, E.Constant(3)), E.Break(brk, x)),
                E.AddAssign(x, Cb(skb, 0, typeof(int))), E.PostIncrementAssign(i)), brk)), typeof(long));
        });
        cases.Tree("goto forward and a valued label", skb =>
        {
            var end = E.Label(typeof(long), "end");
            return E.Block(
                E.IfThen(E.LessThan(Cb(skb, 0, typeof(uint)), E.Constant(100u)), E.Return(end, E.Constant(-7L))),
                E.Label(end, E.Convert(Cb(skb, 1, typeof(uint)), typeof(long))));
        });
        cases.Tree("goto backward", skb =>
        {
            var again = E.Label("again");
            var n = E.Variable(typeof(uint), "n");
            var steps = E.Variable(typeof(long), "steps");
            return E.Block([n, steps], E.Assign(n, E.And(Cb(skb, 0, typeof(uint)), E.Constant(7u))),
                E.Label(again),
                E.IfThen(E.NotEqual(n, E.Constant(0u)), E.Block(E.PreDecrementAssign(n), E.PreIncrementAssign(steps), E.Goto(again))),
                steps);
        });
        foreach (var count in new[] { 3, 12 })
        {
            cases.Tree($"switch over {count} int cases", skb => E.Switch(
                E.And(Cb(skb, 0, typeof(int)), E.Constant(31)), E.Constant(-1L), null,
                Enumerable.Range(0, count).Select(k => E.SwitchCase(E.Constant(k * 10L), E.Constant(k * 2), E.Constant(k * 2 + 1))).ToArray()));
        }
        cases.Tree("switch over uint cases above the sign bit", skb => E.Switch(
            Cb(skb, 0, typeof(uint)), E.Constant(0L), null,
            new[] { 0u, 1u, 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu, 5u }.Select((v, k) => E.SwitchCase(E.Constant(k + 1L), E.Constant(v))).ToArray()));
        cases.Tree("switch over long cases with a duplicate", skb => E.Switch(
            E.Convert(Cb(skb, 0, typeof(int)), typeof(long)), E.Constant(0L),
            E.SwitchCase(E.Constant(1L), E.Constant(-1L), E.Constant(5L)), E.SwitchCase(E.Constant(2L), E.Constant(5L)),
            E.SwitchCase(E.Constant(3L), E.Constant(long.MinValue), E.Constant(-2147483648L)),
            E.SwitchCase(E.Constant(4L), E.Constant(0L), E.Constant(7L), E.Constant(9L))));
        cases.Tree("switch over an enum and a char", skb => E.Add(
            E.Switch(E.Convert(Cb(skb, 0, typeof(byte)), typeof(Small)), E.Constant(0L), E.SwitchCase(E.Constant(10L), E.Constant(Small.A), E.Constant(Small.B))),
            E.Switch(Cb(skb, 1, typeof(char)), E.Constant(0L), E.SwitchCase(E.Constant(1L), E.Constant('a')), E.SwitchCase(E.Constant(2L), E.Constant('\uffff')))));
        cases.Tree("void switch assigning a variable", skb =>
        {
            var x = E.Variable(typeof(long), "x");
            return E.Block([x], E.Switch(typeof(void), E.And(Cb(skb, 0, typeof(int)), E.Constant(3)),
                E.Assign(x, E.Constant(100L)), null, E.SwitchCase(E.Assign(x, E.Constant(5L)), E.Constant(1)), E.SwitchCase(E.Empty(), E.Constant(2))), x);
        });
        cases.Tree("verdict variable", skb =>
        {
            var v = E.Variable(typeof(Verdict), "v");
            return E.Block([v], E.IfThen(E.GreaterThan(Cb(skb, 0, typeof(uint)), E.Constant(10u)), E.Assign(v, E.Property(null, typeof(Verdict), nameof(Verdict.Drop)))), v);
        }, ProgramKind.SocketFilter);
        cases.Tree("default verdict is pass", skb => E.Default(typeof(Verdict)), ProgramKind.Tc);
        cases.Tree("bool variable", skb =>
        {
            var b = E.Variable(typeof(bool), "b");
            return E.Block([b], E.Assign(b, E.LessThan(Cb(skb, 0, typeof(uint)), Cb(skb, 1, typeof(uint)))),
                E.Condition(E.OrElse(b, E.Not(b)), E.Convert(E.Not(b), typeof(long)), E.Constant(5L)));
        });
        cases.Tree("invoke with arguments evaluated once", skb =>
        {
            var counter = E.Variable(typeof(int), "counter");
            var a = E.Parameter(typeof(int), "a");
            var f = E.Lambda(E.Add(E.Multiply(a, a), a), a);
            return E.Block([counter], E.Convert(E.Add(E.Invoke(f, E.PreIncrementAssign(counter)), E.Multiply(counter, E.Constant(100))), typeof(long)));
        });
        cases.Tree("invoke of a quoted lambda", skb =>
        {
            var s = E.Parameter(typeof(SkBuff), "s");
            var inner = E.Lambda<Func<SkBuff, uint>>(E.Property(s, nameof(SkBuff.Mark)), s);
            return E.Convert(E.Invoke(E.Quote(inner), skb), typeof(long));
        });
        cases.Tree("statements after a goto are dead", skb =>
        {
            var end = E.Label(typeof(long), "end");
            var x = E.Variable(typeof(long), "x");
            return E.Block([x], E.Assign(x, E.Constant(3L)), E.Goto(end, x), E.Assign(x, E.Constant(99L)),
                E.Divide(x, E.Constant(0L)), E.Label(end, E.Constant(0L)));
        });
        cases.Tree("a loop in a dead arm", skb =>
        {
            var i = E.Variable(typeof(int), "i");
            var brk = E.Label(typeof(int), "brk");
            var loop = E.Loop(E.Block(E.PreIncrementAssign(i), E.IfThen(E.GreaterThan(i, E.Constant(3)), E.Break(brk, i))), brk);
            return E.Block([i], E.Convert(E.Condition(E.Constant(false), loop, E.Add(i, Cb(skb, 0, typeof(int)))), typeof(long)));
        });
        cases.Tree("is-true and is-false", skb => E.Condition(E.IsFalse(E.IsTrue(E.GreaterThan(Cb(skb, 0, typeof(uint)), E.Constant(4u)))), E.Constant(1L), E.Constant(0L)));
    }

    private static Expression Cb(ParameterExpression skb, int index, Type type) => OperatorCases.Operand(skb, type, index);
}
