namespace BpfLinq.Testing;

/// <summary>
/// What the test process may do here. Kernel tests skip with a reason when the process lacks the
/// privileges, except when <c>BPFLINQ_REQUIRE_KERNEL=1</c> (set by CI): then nothing skips, so a
/// missing capability or tool fails loudly instead of hiding a bug.
/// </summary>
public static class TestEnvironment
{
    private const int CapSysAdmin = 21;
    private const int CapBpf = 39;
    private const int CapNetAdmin = 12;

    /// <summary>True when CI demands that kernel tests and reference tools run instead of skipping.</summary>
    public static bool KernelRequired { get; } =
        Environment.GetEnvironmentVariable("BPFLINQ_REQUIRE_KERNEL") == "1";

    private static readonly Lazy<ulong> s_effectiveCaps = new(ReadEffectiveCapabilities);

    /// <summary>True when the process can load the program types the tests use (CAP_BPF + CAP_NET_ADMIN, or CAP_SYS_ADMIN).</summary>
    public static bool CanUseBpf =>
        HasCap(CapSysAdmin) || (HasCap(CapBpf) && HasCap(CapNetAdmin));

    /// <summary>Why kernel tests would skip here, or null when they can run.</summary>
    public static string? KernelSkipReason =>
        !OperatingSystem.IsLinux() ? "kernel tests need Linux"
        : CanUseBpf ? null
        : "kernel tests need CAP_BPF and CAP_NET_ADMIN (or root); run as root, or set BPFLINQ_REQUIRE_KERNEL=1 to make this a failure";

    /// <summary>Full path of a reference tool (e.g. <c>llvm-objdump-19</c>) on PATH, or null.</summary>
    public static string? FindTool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    /// <summary>
    /// Returns the tool's path; when it is missing, skips the test (dynamic skip, needs
    /// <c>[SkippableFact]</c>) or, under <see cref="KernelRequired"/>, fails it.
    /// </summary>
    public static string RequireTool(string name)
    {
        var path = FindTool(name);
        if (path is not null)
        {
            return path;
        }
        var reason = $"{name} is not installed (apt-get install the package that provides it; .ci/run does)";
        if (KernelRequired)
        {
            throw new InvalidOperationException(reason + " and BPFLINQ_REQUIRE_KERNEL=1 forbids skipping");
        }
        throw new Xunit.SkipException(reason);
    }

    private static bool HasCap(int bit) => (s_effectiveCaps.Value & (1UL << bit)) != 0;

    private static ulong ReadEffectiveCapabilities()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("CapEff:", StringComparison.Ordinal))
                {
                    return Convert.ToUInt64(line["CapEff:".Length..].Trim(), 16);
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
