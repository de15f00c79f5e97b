using System.Linq.Expressions;
using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Packets;

/// <summary>
/// The packet differential property: generated predicates over header fields and raw reads
/// (<see cref="PacketPredicates"/>), on generated frames and their truncations
/// (<see cref="PacketFrames"/>), built for tc, XDP, socket filter and cgroup_skb from the same lambda; every
/// build must load (the verifier accepts it) and return on every frame what the managed model says
/// (<c>EvaluateTestRun</c>). Truncations below a whole IP header run as XDP only: this kernel's
/// BPF_PROG_TEST_RUN refuses them for the socket-buffer kinds (<see cref="TestRunContext.SkbRefusal"/>).
/// <c>BPFLINQ_PACKET_DIFF_PROGRAMS</c> sizes a run (CI: 2,000 programs of 8 frames), and
/// <c>BPFLINQ_PACKET_DIFF_SEED</c> replays one (the failure prints it).
/// </summary>
public sealed class PacketDifferentialTests(ITestOutputHelper output)
{
    private const int FramesPerProgram = 8;
    private static readonly ProgramKind[] s_kinds = [ProgramKind.Tc, ProgramKind.SocketFilter, ProgramKind.CgroupSkb, ProgramKind.Xdp];

    [KernelFact]
    public void Generated_packet_predicates_agree_with_the_managed_model_on_every_kind()
    {
        var runs = 0;
        var (programs, seed) = SeededProperty.Check("BPFLINQ_PACKET_DIFF", 2000, PacketPredicates.Predicate(), PacketFrames.Set(FramesPerProgram),
            (predicate, frames) => runs += Agree(predicate, frames));
        output.WriteLine($"{programs} programs, {runs} kernel runs, seed {seed}");
        runs.ShouldBeGreaterThan(programs * FramesPerProgram);
    }

    // Builds the predicate for each kind, loads it and compares every frame the kind can run.
    private static int Agree(Expression<Func<SkBuff, Verdict>> predicate, byte[][] frames)
    {
        var skb = Bpf.Filter(predicate);
        var xdp = Bpf.Filter(PacketPredicates.XdpTwin(predicate));
        var runs = 0;
        foreach (var kind in s_kinds)
        {
            var compiled = kind == ProgramKind.Xdp ? xdp.Compile(kind) : skb.Compile(kind);
            using var program = KernelHarness.Load(kind, [.. compiled.Instructions]);
            foreach (var frame in frames)
            {
                var input = TestRunInput.OfFrame(frame);
                if (input.Refusal(kind) is not null)
                {
                    continue;
                }
                var expected = (uint)(kind == ProgramKind.Xdp ? xdp.EvaluateTestRun(frame, kind: kind) : skb.EvaluateTestRun(frame, kind: kind));
                var actual = KernelHarness.Run(program, kind, input);
                if (actual != expected)
                {
                    throw new InvalidOperationException(
                        $"{kind}: kernel 0x{actual:x}, managed 0x{expected:x}\nC#: {BpfLinq.Compiler.Diagnostics.CSharpRenderer.Render(predicate)}\nframe: {Convert.ToHexString(frame)}\n{compiled.Disassemble()}");
                }
                runs++;
            }
        }
        return runs;
    }
}
