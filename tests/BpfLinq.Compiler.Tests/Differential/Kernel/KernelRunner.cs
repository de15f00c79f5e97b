using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Runtime;

namespace BpfLinq.Compiler.Tests.Differential.Kernel;

/// <summary>
/// Loads instructions as a program of a <see cref="ProgramKind"/> and runs it with
/// <c>BPF_PROG_TEST_RUN</c> on <see cref="TestRunInput"/>s: the kernel half of the differential tests.
/// </summary>
internal static class KernelRunner
{
    /// <summary>The program type and expected attach type of each kind: the product's (<see cref="ProgramKinds"/>).</summary>
    public static (ProgramType Type, AttachType? ExpectedAttachType) ProgramTypeOf(ProgramKind kind) => (kind.ProgramType(), kind.ExpectedAttachType());

    /// <summary>Loads <paramref name="instructions"/> as a program of <paramref name="kind"/>.</summary>
    /// <exception cref="BpfVerifierException">The verifier rejected it (the log is in the exception).</exception>
    public static BpfProgram Load(ProgramKind kind, Insn[] instructions, VerifierLogLevel logLevel = VerifierLogLevel.Basic)
    {
        var (type, attachType) = ProgramTypeOf(kind);
        return BpfProgram.Load(new ProgramLoadOptions
        {
            Type = type,
            ExpectedAttachType = attachType,
            Instructions = instructions,
            Name = "bpflinq_diff",
            LogLevel = logLevel,
        });
    }

    /// <summary>Runs a loaded program of <paramref name="kind"/> once on <paramref name="input"/> and returns r0's low 32 bits.</summary>
    public static uint Run(BpfProgram program, ProgramKind kind, TestRunInput input) =>
        program.TestRun(new TestRunOptions
        {
            DataIn = input.Frame,
            DataOutSize = 0,
            CtxIn = input.ContextBytes(kind),
            CtxOutSize = 0,
        }).ReturnValue;

    /// <summary>Loads, runs on every input, and unloads.</summary>
    public static uint[] LoadAndRun(ProgramKind kind, Insn[] instructions, IReadOnlyList<TestRunInput> inputs)
    {
        using var program = Load(kind, instructions);
        return inputs.Select(input => Run(program, kind, input)).ToArray();
    }
}
