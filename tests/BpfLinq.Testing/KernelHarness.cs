using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using Xunit.Sdk;

namespace BpfLinq.Testing;

/// <summary>
/// The one way tests load instructions into the kernel and test-run them: a program of a
/// <see cref="ProgramKind"/>, run with <c>BPF_PROG_TEST_RUN</c> on <see cref="TestRunInput"/>s, next to
/// what the IR interpreter says for back-end tests.
/// </summary>
internal static class KernelHarness
{
    // The frame of a back-end test run: its bytes are their offsets.
    private static readonly byte[] s_frame = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    /// <summary>Loads <paramref name="instructions"/> as a program of <paramref name="kind"/> (the product's program and attach types).</summary>
    /// <exception cref="BpfVerifierException">The verifier rejected it (the log is in the exception).</exception>
    public static BpfProgram Load(ProgramKind kind, Insn[] instructions, VerifierLogLevel logLevel = VerifierLogLevel.Basic, string name = "bpflinq_test") =>
        BpfProgram.Load(new ProgramLoadOptions
        {
            Type = kind.ProgramType(),
            ExpectedAttachType = kind.ExpectedAttachType(),
            Instructions = instructions,
            Name = name,
            LogLevel = logLevel,
        });

    /// <summary>Runs a loaded program of <paramref name="kind"/> once on <paramref name="input"/> and returns r0's low 32 bits.</summary>
    public static uint Run(BpfProgram program, ProgramKind kind, TestRunInput input) =>
        program.TestRun(new TestRunOptions
        {
            DataIn = input.Frame,
            DataOutSize = 0,
            CtxIn = input.ContextBytes(kind),
            CtxOutSize = 0,
        }).ReturnValue;

    /// <summary>Loads back-end output as a tc program (the verifier must accept it) and returns r0's low 32 bits on each input.</summary>
    public static uint[] Run(MachineCode code, IReadOnlyList<TestRunInput> inputs)
    {
        BpfProgram program;
        try
        {
            program = Load(ProgramKind.Tc, [.. code.Instructions], name: "backend_test");
        }
        catch (BpfVerifierException e)
        {
            throw new XunitException($"the verifier rejected our code: {e.Summary}\n{code.Disassemble()}\n{Tail(e.Log)}");
        }
        using (program)
        {
            return [.. inputs.Select(input => Run(program, ProgramKind.Tc, input))];
        }
    }

    /// <summary>What the IR says a tc program returns on an input (low 32 bits, as the kernel reports).</summary>
    public static uint Interpret(Function f, TestRunInput input, Func<long, long[], long>? helper = null) =>
        (uint)IrInterpreter.Run(f, [0], [input.ContextBytes(ProgramKind.Tc)], helper ?? ((_, _) => 0x5eed_f00d_dead_beef));

    /// <summary>A back-end test input: a <c>__sk_buff</c> with the fields a tc test run accepts set (mark, priority and cb[0..4]).</summary>
    public static TestRunInput Context(uint mark, uint priority, params uint[] cb)
    {
        var cbs = new uint[5];
        cb.CopyTo(cbs, 0);
        return new TestRunInput(s_frame, new SkBuff { Mark = mark, Priority = priority, Cb = cbs }, new XdpMd());
    }

    private static string Tail(string log)
    {
        var lines = log.Split('\n');
        return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 40)));
    }
}
