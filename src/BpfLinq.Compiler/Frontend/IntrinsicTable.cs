using System.Reflection;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>What an intrinsic compiles to.</summary>
internal enum IntrinsicKind
{
    /// <summary>One IR arithmetic op on the arguments (<see cref="Intrinsic.Op"/>).</summary>
    Arithmetic,
    /// <summary><see cref="Verdict.Keep"/>: the argument is the return value (socket filters).</summary>
    VerdictKeep,
}

/// <summary>An intrinsic: how to lower a call to it.</summary>
/// <param name="Kind">The lowering.</param>
/// <param name="Op">For <see cref="IntrinsicKind.Arithmetic"/>, the op.</param>
internal sealed record Intrinsic(IntrinsicKind Kind, Op Op = Op.Add);

/// <summary>
/// The methods a lambda may call, each with its lowering (data, not code). Every intrinsic has a
/// managed implementation that computes what the kernel computes, so <c>Evaluate</c> agrees.
/// </summary>
internal static class IntrinsicTable
{
    private static readonly Dictionary<MethodInfo, Intrinsic> s_table = new()
    {
        [Method(typeof(Verdict), nameof(Verdict.Keep), typeof(uint))] = new(IntrinsicKind.VerdictKeep),
        [Method(typeof(Bpf), nameof(Bpf.Div), typeof(int), typeof(int))] = new(IntrinsicKind.Arithmetic, Op.SDiv),
        [Method(typeof(Bpf), nameof(Bpf.Div), typeof(uint), typeof(uint))] = new(IntrinsicKind.Arithmetic, Op.UDiv),
        [Method(typeof(Bpf), nameof(Bpf.Div), typeof(long), typeof(long))] = new(IntrinsicKind.Arithmetic, Op.SDiv),
        [Method(typeof(Bpf), nameof(Bpf.Div), typeof(ulong), typeof(ulong))] = new(IntrinsicKind.Arithmetic, Op.UDiv),
        [Method(typeof(Bpf), nameof(Bpf.Rem), typeof(int), typeof(int))] = new(IntrinsicKind.Arithmetic, Op.SRem),
        [Method(typeof(Bpf), nameof(Bpf.Rem), typeof(uint), typeof(uint))] = new(IntrinsicKind.Arithmetic, Op.URem),
        [Method(typeof(Bpf), nameof(Bpf.Rem), typeof(long), typeof(long))] = new(IntrinsicKind.Arithmetic, Op.SRem),
        [Method(typeof(Bpf), nameof(Bpf.Rem), typeof(ulong), typeof(ulong))] = new(IntrinsicKind.Arithmetic, Op.URem),
    };

    /// <summary>The intrinsic a method is, or null.</summary>
    public static Intrinsic? Find(MethodInfo method) => s_table.GetValueOrDefault(method);

    private static MethodInfo Method(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new InvalidOperationException($"{type.Name}.{name} is missing");
}
