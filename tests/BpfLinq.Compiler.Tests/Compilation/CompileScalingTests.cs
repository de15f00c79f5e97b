using BpfLinq.Compiler.Compilation;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Compilation;

/// <summary>
/// Compile memory grows linearly with the program, pinned without timing: what one compile
/// allocates (counted exactly by the GC) for a chain four times longer stays within six times as
/// much, where a quadratic step makes it sixteen. The class runs alone, so the process-wide count
/// (a large tree compiles on a thread of its own) sees only this compile.
/// </summary>
[Collection(nameof(CompileScalingTests))]
[CollectionDefinition(nameof(CompileScalingTests), DisableParallelization = true)]
public sealed class CompileScalingTests
{
    public static TheoryData<string> LinearShapes => new(DeepChains.Names.Where(s => s != "equal-right")); // equal-right is BPF0032

    [Theory]
    [MemberData(nameof(LinearShapes))]
    public void Four_times_the_links_allocate_at_most_six_times_the_memory(string shape)
    {
        var small = AllocatedBy(shape, 1_000);
        var large = AllocatedBy(shape, 4_000);

        large.ShouldBeLessThan(6 * small, $"{shape}: {small:N0} bytes at 1,000 links, {large:N0} at 4,000");
    }

    private static long AllocatedBy(string shape, int links)
    {
        var (op, left) = DeepChains.Parse(shape);
        var lambda = DeepChains.Build(op, left, links);
        BpfCompiler.Compile(lambda, ProgramKind.Tc, "generated", null, 0, CompileOptions.Default); // warm
        var before = GC.GetTotalAllocatedBytes(precise: true);
        BpfCompiler.Compile(lambda, ProgramKind.Tc, "generated", null, 0, CompileOptions.Default);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}
