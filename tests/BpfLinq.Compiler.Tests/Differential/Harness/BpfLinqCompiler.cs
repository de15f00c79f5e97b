using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// BpfLinq's compiler as the differential property sees it. <see cref="Compile"/> is the one line to
/// change when the driver lands; until then it is null and the tests that need it say so and skip.
/// Compile errors are read from <c>BpfLinq.BpfCompileException</c> by reflection (its <c>Code</c> and its
/// <c>ExprPath</c> or <c>Path</c>, the type being written in parallel), and a code is documented when a
/// <c>DiagnosticCode</c> type in the same assembly declares it (an enum member, or a constant's value).
/// </summary>
internal static class BpfLinqCompiler
{
    /// <summary>
    /// The compile delegate. Wire the driver in here, e.g.
    /// <c>(lambda, kind) =&gt; BpfCompiler.Compile(lambda, new CompileOptions { Kind = kind }).Instructions</c>.
    /// </summary>
    public static Func<LambdaExpression, ProgramKind, Insn[]>? Compile => null;

    /// <summary>BpfLinq as a compiler under test, or null until <see cref="Compile"/> is wired.</summary>
    public static CompilerUnderTest? UnderTest => Compile is { } compile ? new("BpfLinq", compile, ReadError, IsDocumentedCode) : null;

    /// <summary>The compile error a <c>BpfLinq.BpfCompileException</c> carries, or null for any other exception.</summary>
    public static CompileError? ReadError(Exception exception)
    {
        var type = exception.GetType();
        if (type.Name != "BpfCompileException" || type.Namespace != "BpfLinq")
        {
            return null;
        }
        var code = type.GetProperty("Code")?.GetValue(exception)?.ToString();
        var path = (type.GetProperty("ExprPath") ?? type.GetProperty("Path"))?.GetValue(exception)?.ToString();
        return code is null ? null : new CompileError(code, path, exception.Message);
    }

    /// <summary>True when a <c>DiagnosticCode</c> type next to <c>BpfCompileException</c> declares <paramref name="code"/>.</summary>
    public static bool IsDocumentedCode(string code) => DocumentedCodes(typeof(Verdict).Assembly).Contains(code);

    /// <summary>The codes a <c>DiagnosticCode</c> enum or constants class in <paramref name="assembly"/> declares.</summary>
    public static IReadOnlySet<string> DocumentedCodes(Assembly assembly)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes().Where(t => t.Name == "DiagnosticCode"))
        {
            if (type.IsEnum)
            {
                codes.UnionWith(Enum.GetNames(type));
                continue;
            }
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral || f.IsInitOnly))
            {
                codes.Add(field.Name);
                if (field.GetValue(null)?.ToString() is { } value)
                {
                    codes.Add(value);
                }
            }
        }
        return codes;
    }
}
