using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Runtime;

namespace BpfLinq.Bench.Report;

/// <summary>
/// BpfLinq's side of a row: the loaded program and its length, or why there is none — a compile
/// error (its code), an internal compiler error, or the verifier's rejection. None of these fails
/// the report: the row shows it, clang's figures still appear, and the notes give the first line.
/// </summary>
internal sealed class OurBuild : IDisposable
{
    private OurBuild(BpfProgram? program, int instructions, string? missing, string? detail)
    {
        Program = program;
        Instructions = instructions;
        Missing = missing;
        Detail = detail;
    }

    /// <summary>The loaded program, or null.</summary>
    public BpfProgram? Program { get; }

    /// <summary>Instruction slots (0 when it did not compile).</summary>
    public int Instructions { get; }

    /// <summary>Why there is no program ("compile error BPF0003"), or null.</summary>
    public string? Missing { get; }

    /// <summary>The first line of the error, or null.</summary>
    public string? Detail { get; }

    /// <summary>Compiles with <paramref name="compile"/> and loads the result as <paramref name="kind"/>.</summary>
    public static OurBuild Of(Func<CompiledProgram> compile, ProgramKind kind)
    {
        Compiler.Isa.Insn[] instructions;
        try
        {
            instructions = [.. compile().Instructions];
        }
        catch (BpfCompileException e)
        {
            return new(null, 0, $"compile error {(e.Code.Length > 0 ? e.Code : "(no code)")}", FirstLine(e.Message));
        }
        catch (InternalCompilerError e)
        {
            return new(null, 0, "internal compiler error", FirstLine(e.Message));
        }
        try
        {
            return new(KernelRuns.Load(kind, instructions, "bpflinq"), instructions.Length, null, null);
        }
        catch (BpfVerifierException e)
        {
            return new(null, instructions.Length, "verifier rejected", FirstLine(e.Summary));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Program?.Dispose();

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
