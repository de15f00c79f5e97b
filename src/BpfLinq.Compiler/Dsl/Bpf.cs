using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq;

/// <summary>
/// The entry points: write an eBPF program as a C# lambda over a context (<see cref="SkBuff"/> or
/// <see cref="XdpMd"/>), and the intrinsics that lambdas may call.
/// <code>
/// using static BpfLinq.Verdict;
/// var filter = Bpf.Filter&lt;SkBuff&gt;(skb =&gt; skb.Len &lt; 6 ? Pass : Drop);
/// long keep = filter.Evaluate(new SkBuff { Len = 4 });   // 0xFFFFFFFF: a socket filter keeps it
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// What a lambda may use: context fields (a field the program kind cannot read is a compile error),
/// captured variables (read once, when the program is compiled, and turned into constants: to change
/// them, compile again), the C# operators on bool, the integer types, char and enums with unchecked
/// semantics, <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, conversions, invocations of expression
/// lambdas (inlined), and the intrinsics of this class. Division and remainder need a divisor the
/// lambda proves non-zero (<c>y != 0 ? x / y : 0</c>), or <see cref="Div(int, int)"/> and <see cref="Rem(int, int)"/>.
/// </para>
/// <para>
/// Loops (<c>Expression.Loop</c> in hand-built trees) compile as written, with a back edge. The kernel
/// verifier accepts a loop only if it can follow every iteration to the end: bound it by a constant
/// (<c>for (i = 0; i &lt; 16; i++)</c>) or by a value masked to a small range (<c>i &lt; (n &amp; 31)</c>), and keep
/// iterations × body size well under the verifier's one million instruction budget. A loop it cannot
/// bound is rejected when the program is loaded; a loop with no reachable exit is a compile error.
/// </para>
/// </remarks>
public static partial class Bpf
{
    /// <summary>
    /// A packet predicate: a lambda from the context to a <see cref="Verdict"/>, which each program
    /// kind maps to its own return convention.
    /// </summary>
    /// <typeparam name="TContext"><see cref="SkBuff"/> or <see cref="XdpMd"/>.</typeparam>
    /// <param name="predicate">The program, as an expression tree.</param>
    /// <param name="source">Filled in by the C# compiler: the lambda's source text, for diagnostics and disassembly.</param>
    /// <param name="file">Filled in by the C# compiler: the file the lambda is written in.</param>
    /// <param name="line">Filled in by the C# compiler: the line it is written on.</param>
    /// <exception cref="ArgumentException"><typeparamref name="TContext"/> is not a program context.</exception>
    public static BpfFilter<TContext> Filter<TContext>(
        Expression<Func<TContext, Verdict>> predicate,
        [CallerArgumentExpression(nameof(predicate))] string? source = null,
        [CallerFilePath] string? file = null,
        [CallerLineNumber] int line = 0)
        where TContext : class
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new BpfFilter<TContext>(predicate, source, file, line);
    }

    /// <summary>
    /// A program that returns a raw integer, for full control of the return value (the kernel reads
    /// its low 32 bits for the program kinds compiled today).
    /// </summary>
    /// <typeparam name="TContext"><see cref="SkBuff"/> or <see cref="XdpMd"/>.</typeparam>
    /// <param name="program">The program, as an expression tree.</param>
    /// <param name="source">Filled in by the C# compiler: the lambda's source text.</param>
    /// <param name="file">Filled in by the C# compiler: the file the lambda is written in.</param>
    /// <param name="line">Filled in by the C# compiler: the line it is written on.</param>
    /// <exception cref="ArgumentException"><typeparamref name="TContext"/> is not a program context.</exception>
    public static BpfFilter<TContext> Program<TContext>(
        Expression<Func<TContext, long>> program,
        [CallerArgumentExpression(nameof(program))] string? source = null,
        [CallerFilePath] string? file = null,
        [CallerLineNumber] int line = 0)
        where TContext : class
    {
        ArgumentNullException.ThrowIfNull(program);
        return new BpfFilter<TContext>(program, source, file, line);
    }

    // Shared by the two entry points and BpfFilter: a context type is checked once, here.
    internal static ProgramKind DefaultKindOf(Type context)
    {
        if (!ContextTypes.IsContext(context))
        {
            throw new ArgumentException($"{context.Name} is not a program context; use SkBuff or XdpMd", nameof(context));
        }
        return ContextTypes.DefaultKind(context);
    }
}
