using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;

namespace BpfLinq.Compiler.Tests.Conformance;

/// <summary>
/// Runs one case in the kernel as the upstream Linux plugin does (Data/README.md, steps 1-7):
/// result map, <see cref="HarnessProgram"/> loaded as XDP, one <c>BPF_PROG_TEST_RUN</c> on the
/// case's memory, then the map's value. Every fd is closed before it returns, refused or not.
/// </summary>
internal static class ConformanceHarness
{
    /// <summary>XDP test runs refuse a packet shorter than an Ethernet header (EINVAL).</summary>
    public const int MinimumPacketLength = 14;

    // Written into the result map before the run, so a wrapper that never stores is not mistaken
    // for a case whose r0 happens to be 0.
    private const ulong Unwritten = 0x5a5a_5a5a_a5a5_a5a5;

    /// <summary>Loads and runs <paramref name="body"/>; a verifier refusal is an outcome, any other failure throws.</summary>
    /// <param name="body">The case's slots.</param>
    /// <param name="memory">The case's <c>-- mem</c> bytes, or null when it has none.</param>
    public static KernelOutcome Run(ReadOnlySpan<Insn> body, byte[]? memory)
    {
        using var result = BpfMap.Create(new MapCreateOptions
        {
            Type = MapType.Array,
            KeySize = sizeof(uint),
            ValueSize = sizeof(ulong),
            MaxEntries = 1,
            Name = "conformance_r0",
        });
        result.Update(0u, Unwritten);

        BpfProgram program;
        try
        {
            program = BpfProgram.Load(new ProgramLoadOptions
            {
                Type = ProgramType.Xdp,
                ExpectedAttachType = AttachType.Xdp,
                Instructions = HarnessProgram.Build(body, memory?.Length, result.Fd),
                License = "MIT", // what upstream passes; the one helper the suite calls (5, ktime) is not GPL-only
                Name = "conformance",
            });
        }
        catch (BpfVerifierException refused)
        {
            return KernelOutcome.Refused(refused.Summary);
        }

        using (program)
        {
            var packet = Packet(memory);
            var run = program.TestRun(new TestRunOptions { DataIn = packet, DataOutSize = packet.Length, Repeat = 1 });
            return KernelOutcome.Returned(result.Lookup<uint, ulong>(0u), run.ReturnValue);
        }
    }

    /// <summary>The case's memory padded with zeros to at least 14 bytes; the prolog still uses the unpadded length.</summary>
    public static byte[] Packet(byte[]? memory)
    {
        var packet = new byte[Math.Max(memory?.Length ?? 0, MinimumPacketLength)];
        memory?.CopyTo(packet, 0);
        return packet;
    }
}
