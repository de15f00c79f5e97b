using Xunit;

namespace BpfLinq.Testing;

/// <summary>
/// A fact that talks to the kernel. Decided at discovery: skips with a reason when the process
/// lacks CAP_BPF/CAP_NET_ADMIN, never skips when <c>BPFLINQ_REQUIRE_KERNEL=1</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
// SkippableFact's discoverer, so a kernel test may also skip at run time (Skip.If / TestEnvironment.RequireTool).
[Xunit.Sdk.XunitTestCaseDiscoverer("Xunit.Sdk.SkippableFactDiscoverer", "Xunit.SkippableFact")]
public sealed class KernelFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from the environment.</summary>
    public KernelFactAttribute()
    {
        if (!TestEnvironment.KernelRequired && TestEnvironment.KernelSkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The theory form of <see cref="KernelFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[Xunit.Sdk.XunitTestCaseDiscoverer("Xunit.Sdk.SkippableTheoryDiscoverer", "Xunit.SkippableFact")]
public sealed class KernelTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from the environment.</summary>
    public KernelTheoryAttribute()
    {
        if (!TestEnvironment.KernelRequired && TestEnvironment.KernelSkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
