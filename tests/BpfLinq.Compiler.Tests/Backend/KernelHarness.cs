using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>Loads back-end output into the kernel and test-runs it, next to the IR interpreter's answer.</summary>
internal static class KernelHarness
{
    public const int SkBuffSize = 192;       // sizeof(struct __sk_buff), Linux 6.18
    public const int Mark = 8;               // offsetof(struct __sk_buff, mark)
    public const int Priority = 32;          // offsetof(struct __sk_buff, priority)
    public const int Cb = 48;                // offsetof(struct __sk_buff, cb): u32[5]

    private static readonly byte[] s_frame = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    /// <summary>Loads the code (the verifier must accept it) and returns r0's low 32 bits for each context.</summary>
    public static uint[] Run(MachineCode code, ProgramType type, IReadOnlyList<byte[]> contexts, byte[]? packet = null)
    {
        BpfProgram program;
        try
        {
            program = BpfProgram.Load(new ProgramLoadOptions { Type = type, Instructions = code.Instructions, Name = "backend_test" });
        }
        catch (BpfVerifierException e)
        {
            throw new ShouldAssertException($"the verifier rejected our code: {e.Summary}\n{code.Disassemble()}\n{Tail(e.Log)}");
        }
        using (program)
        {
            return [.. contexts.Select(ctx => program.TestRun(new TestRunOptions { DataIn = packet ?? s_frame, CtxIn = ctx }).ReturnValue)];
        }
    }

    /// <summary>What the IR says the program returns for a context (low 32 bits, as the kernel reports).</summary>
    public static uint Interpret(Function f, byte[] context, Func<long, long[], long>? helper = null) =>
        (uint)IrInterpreter.Run(f, [0], [(byte[])context.Clone()], helper ?? ((_, _) => 0x5eed_f00d_dead_beef));

    /// <summary>A __sk_buff with the fields a test run accepts set: mark, priority and cb[0..4].</summary>
    public static byte[] Context(uint mark, uint priority, params uint[] cb)
    {
        var ctx = new byte[SkBuffSize];
        BitConverter.TryWriteBytes(ctx.AsSpan(Mark), mark);
        BitConverter.TryWriteBytes(ctx.AsSpan(Priority), priority);
        for (var k = 0; k < cb.Length; k++)
        {
            BitConverter.TryWriteBytes(ctx.AsSpan(Cb + 4 * k), cb[k]);
        }
        return ctx;
    }

    private static string Tail(string log)
    {
        var lines = log.Split('\n');
        return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 40)));
    }
}
