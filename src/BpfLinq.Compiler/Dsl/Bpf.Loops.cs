namespace BpfLinq;

// Loops as intrinsics. The body is a lambda over the iteration index; it may read the context and
// the enclosing lambda's variables. Compiled inline (a bounded loop) or as a bpf_loop callback whose
// captured variables travel in a stack frame passed as the callback's context (closure conversion).
public static partial class Bpf
{
    /// <summary>The largest constant count <see cref="LoopStrategy.Auto"/> and <see cref="LoopStrategy.Unroll"/> unroll.</summary>
    public const int MaxUnrolledIterations = 16;

    /// <summary>The largest constant count <see cref="LoopStrategy.Auto"/> compiles inline.</summary>
    public const int MaxInlineIterations = 256;

    /// <summary>The largest count <c>bpf_loop</c> accepts (1 &lt;&lt; 23).</summary>
    public const int MaxLoopIterations = 1 << 23;

    // bpf_loop refuses more than MaxLoopIterations (-E2BIG) and runs nothing.
    private static int Runs(int count) => count > MaxLoopIterations ? 0 : count;

    /// <summary>True when <paramref name="predicate"/> holds for some index from 0 to <paramref name="count"/> − 1; stops at the first.</summary>
    /// <param name="count">The number of iterations (none when not positive).</param>
    /// <param name="predicate">The body, given the index.</param>
    /// <param name="strategy">Inline loop or <c>bpf_loop</c> callback.</param>
    public static bool Any(int count, Func<int, bool> predicate, LoopStrategy strategy = LoopStrategy.Auto) =>
        FirstIndex(count, predicate, strategy) >= 0;

    /// <summary>The first index from 0 to <paramref name="count"/> − 1 where <paramref name="predicate"/> holds, or −1.</summary>
    /// <param name="count">The number of iterations (none when not positive).</param>
    /// <param name="predicate">The body, given the index.</param>
    /// <param name="strategy">Inline loop or <c>bpf_loop</c> callback.</param>
    public static int FirstIndex(int count, Func<int, bool> predicate, LoopStrategy strategy = LoopStrategy.Auto)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        for (var i = 0; i < Runs(count); i++)
        {
            if (predicate(i))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Folds the indexes 0 to <paramref name="count"/> − 1 into an accumulator: <c>acc = step(i, acc)</c>.</summary>
    /// <typeparam name="TAccumulate">A scalar type.</typeparam>
    /// <param name="count">The number of iterations (none when not positive).</param>
    /// <param name="seed">The accumulator's first value.</param>
    /// <param name="step">The body, given the index and the accumulator.</param>
    /// <param name="strategy">Inline loop or <c>bpf_loop</c> callback.</param>
    public static TAccumulate Fold<TAccumulate>(int count, TAccumulate seed, Func<int, TAccumulate, TAccumulate> step, LoopStrategy strategy = LoopStrategy.Auto)
    {
        ArgumentNullException.ThrowIfNull(step);
        var acc = seed;
        for (var i = 0; i < Runs(count); i++)
        {
            acc = step(i, acc);
        }
        return acc;
    }
}
