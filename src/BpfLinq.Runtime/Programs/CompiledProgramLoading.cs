using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Programs;

namespace BpfLinq;

/// <summary>
/// Loads compiled lambdas into the kernel. A compiled program the verifier rejects is a BpfLinq bug
/// (the compiler promises "if it compiles, it loads"): the rejection is reported as an
/// <see cref="InternalCompilerError"/> that names the C# expression the failing instruction came from,
/// with the kernel's <see cref="BpfVerifierException"/> (summary and full log) as its cause.
/// </summary>
public static class CompiledProgramLoading
{
    /// <summary>Loads a compiled program (program type and attach type from its kind).</summary>
    /// <exception cref="InternalCompilerError">The verifier rejected BpfLinq's code.</exception>
    /// <exception cref="BpfException">Any other kernel error (missing privileges, limits).</exception>
    public static BpfProgram Load(this CompiledProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        try
        {
            return BpfProgram.Load(new ProgramLoadOptions
            {
                Type = program.Kind.ProgramType(),
                ExpectedAttachType = program.Kind.ExpectedAttachType(),
                Instructions = program.Instructions.AsMemory(),
                Name = program.Name,
            });
        }
        catch (BpfVerifierException e)
        {
            var at = e.InstructionIndex is int slot && program.SourceOf(slot) is { } source
                ? $" at instruction {slot}, compiled from `{source.Text}` ({source.Path})"
                : "";
            throw new InternalCompilerError(
                $"BpfLinq internal compiler error (a bug in BpfLinq, please report it): the kernel verifier rejected the code compiled from `{program.LambdaText}` for {program.Kind}{at}: {e.Summary}\n{program.Disassemble()}",
                e);
        }
    }

    /// <summary>Compiles a lambda for a kind (its default kind when null) and loads it.</summary>
    /// <exception cref="BpfCompileException">The lambda cannot be compiled for that kind.</exception>
    /// <exception cref="InternalCompilerError">The verifier rejected BpfLinq's code.</exception>
    public static BpfProgram Load<TContext>(this BpfFilter<TContext> filter, ProgramKind? kind = null)
        where TContext : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Compile(kind).Load();
    }
}
