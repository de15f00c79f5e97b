using BpfLinq.Compiler.Tests.Differential.Harness;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Compiler.Tests.Packets;
using BpfLinq.Runtime;
using BpfLinq.Testing;
using Xunit.Abstractions;

namespace BpfLinq.Compiler.Tests.Maps;

/// <summary>
/// The map differential property: a generated map-updating program (<see cref="MapPrograms"/>) runs
/// over the same sequence of frames in the kernel (fresh kernel maps, BPF_PROG_TEST_RUN, tc) and
/// in the managed model (empty managed maps, <c>Evaluate</c>); after every frame the return values
/// agree, and at the end so do both maps' contents. <c>BPFLINQ_MAP_DIFF_PROGRAMS</c> sizes a run
/// (CI: 300 programs of 8 frames), <c>BPFLINQ_MAP_DIFF_SEED</c> replays one.
/// </summary>
public sealed class MapDifferentialTests(ITestOutputHelper output)
{
    private const int FramesPerProgram = 8;

    [KernelFact]
    public void Generated_map_updating_programs_leave_the_kernel_maps_as_the_managed_model_leaves_its_own()
    {
        var runs = 0;
        var (programs, seed) = SeededProperty.Check("BPFLINQ_MAP_DIFF", 300, MapPrograms.Program(), PacketFrames.Set(FramesPerProgram),
            (program, frames) => runs += Agree(program, frames));
        output.WriteLine($"{programs} programs, {runs} kernel runs, seed {seed}");
        runs.ShouldBeGreaterThan(programs);
    }

    private static int Agree(MapPrograms.Generated generated, byte[][] frames)
    {
        const ProgramKind Kind = ProgramKind.Tc;
        var filter = Bpf.Program(generated.Lambda);
        var compiled = filter.Compile(Kind);
        using var maps = new BpfMaps();
        using var program = compiled.Load(maps);
        generated.Hash.ClearManaged();
        generated.Array.ClearManaged();
        var runs = 0;
        foreach (var frame in frames)
        {
            var input = TestRunInput.OfFrame(frame);
            if (input.Refusal(Kind) is not null)
            {
                continue;
            }
            var expected = (uint)filter.EvaluateTestRun(frame, kind: Kind);
            var actual = KernelHarness.Run(program, Kind, input);
            Check(actual == expected, $"return value: kernel 0x{actual:x}, managed 0x{expected:x} on {Convert.ToHexString(frame)}", generated, compiled);
            runs++;
        }
        var kernelHash = maps.Get(generated.Hash).OrderBy(e => e.Key).ToList();
        var managedHash = generated.Hash.ManagedEntries().OrderBy(e => e.Key).ToList();
        Check(kernelHash.SequenceEqual(managedHash), $"hash: kernel [{string.Join(", ", kernelHash)}], managed [{string.Join(", ", managedHash)}]", generated, compiled);
        var kernelArray = maps.Get(generated.Array).OrderBy(e => e.Key).ToList();
        var managedArray = generated.Array.ManagedEntries().OrderBy(e => e.Key).ToList();
        Check(kernelArray.SequenceEqual(managedArray), $"array: kernel [{string.Join(", ", kernelArray)}], managed [{string.Join(", ", managedArray)}]", generated, compiled);
        return runs;
    }

    private static void Check(bool agree, string what, MapPrograms.Generated generated, CompiledProgram compiled)
    {
        if (!agree)
        {
            throw new InvalidOperationException($"{what}\nC#: {BpfLinq.Compiler.Diagnostics.CSharpRenderer.Render(generated.Lambda)}\n{compiled.Disassemble()}");
        }
    }
}
