using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary>
/// The back end's steps (select-instructions to build-btf) allocate linearly in the program, pinned
/// without timing, for every shape, where the whole compile is not linear yet for all
/// (<see cref="CompileScalingTests"/>): what those steps allocate on the compiling thread for a chain
/// four times longer stays within six times as much, where a quadratic step makes it sixteen
/// (per-block bit sets of every live range did, on the == and ?: chains).
/// </summary>
public sealed class BackEndScalingTests
{
    public static TheoryData<string> Shapes => new([.. DeepChains.Names.Where(n => n != "equal-right")]);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Four_times_the_links_allocate_at_most_six_times_the_memory_in_the_back_end(string shape)
    {
        var small = AllocatedBy(shape, 1_000);
        var large = AllocatedBy(shape, 4_000);

        foreach (var (step, bytes) in large)
        {
            // A megabyte more at most, for steps that allocate next to nothing at 1,000 links.
            bytes.ShouldBeLessThan((6 * small[step]) + 1_000_000, $"{shape}, {step}: {small[step]:N0} bytes at 1,000 links, {bytes:N0} at 4,000");
        }
    }

    private static readonly string[] s_backEnd =
    [
        "select-instructions", "sink-tied", "allocate-registers", "lay-out-frame", "emit",
        "remove-redundant-moves", "resolve-branches", "check-call-stack", "link", "build-btf",
    ];

    // What the back end's steps allocate on the thread that runs them (the compile's own).
    private static Dictionary<string, long> AllocatedBy(string shape, int links) =>
        StepAllocations.Of(shape, links, warm: false).Where(s => s_backEnd.Contains(s.Key)).ToDictionary();
}
