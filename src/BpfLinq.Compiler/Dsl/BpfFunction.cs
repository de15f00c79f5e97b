using System.Linq.Expressions;

namespace BpfLinq;

/// <summary>
/// A function written as a lambda and called from program lambdas (<c>f.Invoke(x)</c>): compiled once
/// as a BPF-to-BPF subprogram (its own frame, arguments in r1–r5, BTF func_info) or inlined, as
/// <see cref="Inlining"/> says. Parameters are scalars or the program's context (at most five, as
/// many as eBPF passes in registers); a body given the context may read the packet through it. The
/// result is a scalar, a bool or a <see cref="Verdict"/>. Recursion is not possible in eBPF and
/// is a compile error. Its captured values are read once, at the first compile or call that needs
/// them; every program compiled from it, and <see cref="BpfFilter{TContext}.Evaluate(TContext, ProgramKind?)"/>, uses those
/// values (see <see cref="BpfFilter{TContext}"/>).
/// </summary>
public abstract class BpfFunction
{
    /// <summary>The largest body (in expression nodes) <see cref="FunctionInlining.Auto"/> inlines.</summary>
    public const int MaxAutoInlineNodes = 12;

    private protected BpfFunction(LambdaExpression lambda, FunctionInlining inlining, string? name)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        Lambda = lambda;
        Inlining = inlining;
        Name = name ?? "fn";
    }

    /// <summary>The body.</summary>
    public LambdaExpression Lambda { get; }

    /// <summary>The body's captured values, read once.</summary>
    internal Compiler.Frontend.CapturedValues Captured { get; } = new();

    /// <summary>Subprogram or copy.</summary>
    public FunctionInlining Inlining { get; }

    /// <summary>The name of the subprogram (in BTF and listings).</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Lambda}";

    /// <summary>The body as a .NET delegate, with the captured values of <see cref="Captured"/>.</summary>
    private protected TDelegate CompileManaged<TDelegate>(Expression<TDelegate> body) =>
        ((Expression<TDelegate>)Captured.Bind(body, ProgramKind.SocketFilter)).Compile();
}

/// <summary>A function of one argument; see <see cref="BpfFunction"/>.</summary>
/// <typeparam name="T1">The parameter type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="body">The body.</param>
/// <param name="inlining">Subprogram or copy.</param>
/// <param name="name">The subprogram's name.</param>
public sealed class BpfFunction<T1, TResult>(Expression<Func<T1, TResult>> body, FunctionInlining inlining = FunctionInlining.Auto, string? name = null)
    : BpfFunction(body, inlining, name)
{
    private Func<T1, TResult>? _managed; // compiled at the first call (a race compiles it twice, harmlessly)

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1) => (_managed ??= CompileManaged(body))(arg1);
}

/// <summary>A function of two arguments; see <see cref="BpfFunction"/>.</summary>
/// <typeparam name="T1">The first parameter type.</typeparam>
/// <typeparam name="T2">The second parameter type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="body">The body.</param>
/// <param name="inlining">Subprogram or copy.</param>
/// <param name="name">The subprogram's name.</param>
public sealed class BpfFunction<T1, T2, TResult>(Expression<Func<T1, T2, TResult>> body, FunctionInlining inlining = FunctionInlining.Auto, string? name = null)
    : BpfFunction(body, inlining, name)
{
    private Func<T1, T2, TResult>? _managed; // compiled at the first call (a race compiles it twice, harmlessly)

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1, T2 arg2) => (_managed ??= CompileManaged(body))(arg1, arg2);
}

/// <summary>A function of three arguments; see <see cref="BpfFunction"/>.</summary>
/// <typeparam name="T1">The first parameter type.</typeparam>
/// <typeparam name="T2">The second parameter type.</typeparam>
/// <typeparam name="T3">The third parameter type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="body">The body.</param>
/// <param name="inlining">Subprogram or copy.</param>
/// <param name="name">The subprogram's name.</param>
public sealed class BpfFunction<T1, T2, T3, TResult>(Expression<Func<T1, T2, T3, TResult>> body, FunctionInlining inlining = FunctionInlining.Auto, string? name = null)
    : BpfFunction(body, inlining, name)
{
    private Func<T1, T2, T3, TResult>? _managed; // compiled at the first call (a race compiles it twice, harmlessly)

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3) => (_managed ??= CompileManaged(body))(arg1, arg2, arg3);
}

/// <summary>A function of four arguments; see <see cref="BpfFunction"/>.</summary>
/// <typeparam name="T1">The first parameter type.</typeparam>
/// <typeparam name="T2">The second parameter type.</typeparam>
/// <typeparam name="T3">The third parameter type.</typeparam>
/// <typeparam name="T4">The fourth parameter type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="body">The body.</param>
/// <param name="inlining">Subprogram or copy.</param>
/// <param name="name">The subprogram's name.</param>
public sealed class BpfFunction<T1, T2, T3, T4, TResult>(Expression<Func<T1, T2, T3, T4, TResult>> body, FunctionInlining inlining = FunctionInlining.Auto, string? name = null)
    : BpfFunction(body, inlining, name)
{
    private Func<T1, T2, T3, T4, TResult>? _managed; // compiled at the first call (a race compiles it twice, harmlessly)

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => (_managed ??= CompileManaged(body))(arg1, arg2, arg3, arg4);
}

/// <summary>A function of five arguments, as many as eBPF passes in registers (r1–r5); see <see cref="BpfFunction"/>.</summary>
/// <typeparam name="T1">The first parameter type.</typeparam>
/// <typeparam name="T2">The second parameter type.</typeparam>
/// <typeparam name="T3">The third parameter type.</typeparam>
/// <typeparam name="T4">The fourth parameter type.</typeparam>
/// <typeparam name="T5">The fifth parameter type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
/// <param name="body">The body.</param>
/// <param name="inlining">Subprogram or copy.</param>
/// <param name="name">The subprogram's name.</param>
public sealed class BpfFunction<T1, T2, T3, T4, T5, TResult>(Expression<Func<T1, T2, T3, T4, T5, TResult>> body, FunctionInlining inlining = FunctionInlining.Auto, string? name = null)
    : BpfFunction(body, inlining, name)
{
    private Func<T1, T2, T3, T4, T5, TResult>? _managed; // compiled at the first call (a race compiles it twice, harmlessly)

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5) => (_managed ??= CompileManaged(body))(arg1, arg2, arg3, arg4, arg5);
}
