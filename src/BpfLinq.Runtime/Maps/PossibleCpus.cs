using System.Globalization;

namespace BpfLinq.Runtime;

/// <summary>
/// The number of possible CPUs, which sizes every user-space value of a per-CPU map: the kernel
/// copies <c>round_up(value_size, 8) * num_possible_cpus()</c> bytes. It is the population count of
/// the kernel's possible mask (<c>/sys/devices/system/cpu/possible</c>, e.g. <c>0-3,8-11</c>),
/// which may exceed the online CPU count and <see cref="Environment.ProcessorCount"/>.
/// </summary>
internal static class PossibleCpus
{
    private const string PossiblePath = "/sys/devices/system/cpu/possible";

    private static readonly Lazy<int> s_count = new(() => Parse(File.ReadAllText(PossiblePath)));

    /// <summary>The possible CPU count of this machine, read once.</summary>
    internal static int Count => s_count.Value;

    /// <summary>Counts the CPUs of a kernel cpu list such as <c>0-3,8-11</c> or <c>0</c>.</summary>
    internal static int Parse(string cpuList)
    {
        ArgumentNullException.ThrowIfNull(cpuList);
        int count = 0;
        foreach (string range in cpuList.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int dash = range.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                _ = int.Parse(range, CultureInfo.InvariantCulture);
                count++;
                continue;
            }
            int first = int.Parse(range.AsSpan(0, dash), CultureInfo.InvariantCulture);
            int last = int.Parse(range.AsSpan(dash + 1), CultureInfo.InvariantCulture);
            if (last < first)
            {
                throw new FormatException($"cpu range '{range}' runs backwards");
            }
            count += last - first + 1;
        }
        if (count == 0)
        {
            throw new FormatException($"no CPU in the cpu list '{cpuList}'");
        }
        return count;
    }
}
