using System.Linq.Expressions;

namespace BpfLinq;

/// <summary>
/// A function written as a lambda and called from program lambdas (<c>f.Invoke(x)</c>): compiled once
/// as a BPF-to-BPF subprogram (its own frame, arguments in r1–r5, BTF func_info) or inlined, as
/// <see cref="Inlining"/> says. Parameters are scalars or the program's context (at most five);
/// the result is a scalar, a bool or a <see cref="Verdict"/>. Recursion is not possible in eBPF and
/// is a compile error.
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

    /// <summary>Subprogram or copy.</summary>
    public FunctionInlining Inlining { get; }

    /// <summary>The name of the subprogram (in BTF and listings).</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Lambda}";
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
    private readonly Lazy<Func<T1, TResult>> _managed = new(body.Compile);

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1) => _managed.Value(arg1);
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
    private readonly Lazy<Func<T1, T2, TResult>> _managed = new(body.Compile);

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1, T2 arg2) => _managed.Value(arg1, arg2);
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
    private readonly Lazy<Func<T1, T2, T3, TResult>> _managed = new(body.Compile);

    /// <summary>Calls the function (in .NET here; a call instruction or the inlined body in a program).</summary>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3) => _managed.Value(arg1, arg2, arg3);
}
