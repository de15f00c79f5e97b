using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary>
/// The middle end (every step from unify-exits to renumber) allocates in proportion to the program,
/// for every generated shape, pinned without timing as <see cref="CompileScalingTests"/> pins the
/// whole compiler: four times the links allocate at most six times as much in those steps (a
/// dominator tree, a use list or a block list rebuilt per change makes it sixteen). Runs in the
/// same non-parallel collection, so nothing else allocates on the compile's thread meanwhile.
/// </summary>
[Collection(nameof(CompileScalingTests))]
public sealed class MiddleEndScalingTests
{
    // The per-function steps between lower and select-instructions (the loop's passes run inside "optimize").
    private static readonly HashSet<string> s_middleEnd = ["unify-exits", "early-simplify-cfg", "optimize", "order-blocks", "renumber"];

    // equal-right keeps a value alive per link, more than the kernel's 512-byte stack holds: it does not compile.
    public static TheoryData<string> Shapes => new(DeepChains.Names.Where(n => n != "equal-right"));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Four_times_the_links_allocate_at_most_six_times_the_memory_in_the_middle_end(string shape)
    {
        var small = AllocatedBy(shape, 500);
        var large = AllocatedBy(shape, 2_000);

        large.ShouldBeLessThan(6 * small, $"{shape}: {small:N0} bytes at 500 links, {large:N0} at 2,000");
    }

    // Bytes the compile's thread allocates inside the middle end's steps.
    private static long AllocatedBy(string shape, int links) =>
        StepAllocations.Of(shape, links, warm: true).Where(s => s_middleEnd.Contains(s.Key)).Sum(s => s.Value);
}
