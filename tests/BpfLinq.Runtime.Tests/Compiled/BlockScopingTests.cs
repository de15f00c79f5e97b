using System.Linq.Expressions;
using BpfLinq.Testing;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// Block variables are scoped as in C# and the CLR's interpreter (what <c>Evaluate</c> runs for trees
/// with statements): each entry to a block makes its variables anew and zeroed; a variable declared
/// again by a sibling or an inner block is another variable there. The kernel must compute the same.
/// (The CLR's compiled trees read whatever an earlier block left in a reused IL local instead.)
/// </summary>
public sealed class BlockScopingTests
{
    private static readonly ParameterExpression s_x = E.Variable(typeof(long), "x");
    private static readonly ParameterExpression s_y = E.Variable(typeof(long), "y");
    private static readonly ParameterExpression s_i = E.Variable(typeof(int), "i");

    public static TheoryData<string, long> Cases => new()
    {
        { "sibling blocks declaring one variable", 3 },
        { "a sibling reading its own fresh variable", 3 },
        { "an inner block shadowing a variable", 1 },
        { "the shadowing block's own result", 3 },
        { "a block in a loop, zeroed on every iteration", 10 },
    };

    [KernelTheory]
    [MemberData(nameof(Cases))]
    public void The_kernel_Evaluate_and_the_interpreter_agree(string name, long expected)
    {
        var skb = E.Parameter(typeof(SkBuff), "skb");
        var lambda = E.Lambda<Func<SkBuff, long>>(E.Add(Body(name), E.Multiply(E.Convert(E.Property(skb, nameof(SkBuff.Len)), typeof(long)), E.Constant(0L))), skb);
        var program = Bpf.Program(lambda);
        using var loaded = program.Compile(ProgramKind.Tc).Load();
        var frame = new byte[60];
        frame[12] = 0x08;

        lambda.Compile(preferInterpretation: true)(new SkBuff()).ShouldBe(expected);
        program.EvaluateTestRun(frame, kind: ProgramKind.Tc).ShouldBe(expected);
        loaded.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe((uint)expected);
    }

    private static Expression Body(string name)
    {
        var (x, y, i) = (s_x, s_y, s_i);
        var done = E.Label(typeof(long));
        return name switch
        {
            "sibling blocks declaring one variable" =>
                E.Block(E.Block([x], E.AddAssign(x, E.Constant(1L))), E.Block([x], E.AddAssign(x, E.Constant(3L)))),
            "a sibling reading its own fresh variable" =>
                E.Block(E.Block([x], E.Assign(x, E.Constant(5L))), E.Block([y], E.AddAssign(y, E.Constant(3L)))),
            "an inner block shadowing a variable" =>
                E.Block([x], E.Assign(x, E.Constant(1L)), E.Block([x], E.AddAssign(x, E.Constant(3L))), x),
            "the shadowing block's own result" =>
                E.Block([x], E.Assign(x, E.Constant(1L)), E.Block([x], E.AddAssign(x, E.Constant(3L)))),
            "a block in a loop, zeroed on every iteration" => E.Block([i, y],
                E.Loop(
                    E.Block(
                        E.PostIncrementAssign(i),
                        E.IfThen(E.Equal(i, E.Constant(3)), E.Break(done, y)),
                        E.Block([x], E.AddAssign(x, E.Constant(10L)), E.Assign(y, x))),
                    done)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
