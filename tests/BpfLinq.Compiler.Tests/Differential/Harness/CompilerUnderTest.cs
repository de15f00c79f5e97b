using System.Linq.Expressions;
using BpfLinq.Compiler.Isa;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>
/// A compiler the differential property runs: the compile delegate (lambda and kind in, instructions
/// out, a user error thrown as an exception), how to read a compile error from an exception (null when
/// the exception is not a compile error — a crash or an internal compiler error), and which error codes
/// are documented. <see cref="BpfLinqCompiler.UnderTest"/> is BpfLinq's; the broken-compiler tests derive
/// defective ones from it.
/// </summary>
internal sealed record CompilerUnderTest(
    string Name,
    Func<LambdaExpression, ProgramKind, Insn[]> Compile,
    Func<Exception, CompileError?> ReadError,
    Func<string, bool> IsDocumentedCode)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
