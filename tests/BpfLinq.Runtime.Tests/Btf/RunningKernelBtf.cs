using BpfLinq.Runtime.Btf;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>
/// <see cref="KernelBtf.Running"/> for tests that need the kernel's BTF: skips (needs a
/// <c>[SkippableFact]</c>) when the kernel publishes none, fails instead under BPFLINQ_REQUIRE_KERNEL=1.
/// Reading the file needs no privileges, so these are not kernel facts.
/// </summary>
internal static class RunningKernelBtf
{
    public static KernelBtf Require()
    {
        var kernel = KernelBtf.Running;
        if (!File.Exists(kernel.VmlinuxPath))
        {
            var reason = $"{kernel.VmlinuxPath} is absent: this kernel was built without CONFIG_DEBUG_INFO_BTF";
            throw TestEnvironment.KernelRequired ? new InvalidOperationException(reason) : new SkipException(reason);
        }
        return kernel;
    }
}
