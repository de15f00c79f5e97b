using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Compilation;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// BpfLinq's compiler as the differential property sees it: the driver with the IR verifier after
/// every pass and the allocation checker on, so a broken invariant fails the case that broke it.
/// A user error is a <see cref="BpfCompileException"/>; its code must be one <see cref="DiagnosticCode"/> declares.
/// </summary>
internal static class BpfLinqCompiler
{
    private static readonly CompileOptions s_checked = new() { VerifyIrAfterEachPass = true, CheckAllocation = true };

    /// <summary>BpfLinq as a compiler under test.</summary>
    public static CompilerUnderTest UnderTest { get; } = new("BpfLinq", Compile, ReadError, IsDocumentedCode);

    /// <summary>Compiles <paramref name="lambda"/> for <paramref name="kind"/>, fully checked.</summary>
    public static Insn[] Compile(LambdaExpression lambda, ProgramKind kind) =>
        [.. BpfCompiler.Compile(lambda, kind, ExpressionText.Of(lambda), null, 0, s_checked).Instructions];

    /// <summary>The compile error a <see cref="BpfCompileException"/> carries, or null for any other exception.</summary>
    public static CompileError? ReadError(Exception exception) =>
        exception is BpfCompileException e ? new CompileError(e.Code, e.ExpressionPath, e.Message) : null;

    /// <summary>True when <see cref="DiagnosticCode"/> declares <paramref name="code"/>.</summary>
    public static bool IsDocumentedCode(string code) => s_documentedCodes.Contains(code);

    private static readonly HashSet<string> s_documentedCodes = typeof(DiagnosticCode)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
