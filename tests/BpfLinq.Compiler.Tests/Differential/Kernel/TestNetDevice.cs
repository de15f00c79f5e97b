using System.Globalization;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Kernel;

/// <summary>
/// A veth pair with several receive queues, made for the model tests so <c>ctx_in</c> can name a
/// device other than loopback (an Ethernet MAC and broadcast address, XDP queues above 0). Deleted on
/// Dispose. Needs CAP_NET_ADMIN and iproute2.
/// </summary>
internal sealed class TestNetDevice : IDisposable
{
    private static int s_counter;
    private readonly string _name;

    private TestNetDevice(string name)
    {
        _name = name;
        Device = FromSysfs(name);
    }

    /// <summary>The first end of the pair, as the model sees it.</summary>
    public TestRunDevice Device { get; }

    /// <summary>Creates a pair named <c>bd{pid}x{n}a</c>/<c>...b</c> with <paramref name="rxQueues"/> receive queues.</summary>
    public static TestNetDevice Create(int rxQueues)
    {
        var stem = $"bd{Environment.ProcessId % 100000}x{Interlocked.Increment(ref s_counter)}";
        VethPair.Ip($"link add {stem}a numrxqueues {rxQueues} type veth peer name {stem}b numrxqueues {rxQueues}");
        try
        {
            VethPair.Ip($"link set {stem}a up");
            return new TestNetDevice(stem + "a");
        }
        catch
        {
            VethPair.Ip($"link del {stem}a");
            throw;
        }
    }

    /// <summary>Deletes the pair.</summary>
    public void Dispose() => VethPair.Ip($"link del {_name}");

    // The device as the model needs it, read from sysfs.
    private static TestRunDevice FromSysfs(string name)
    {
        var root = $"/sys/class/net/{name}";
        var queues = (uint)Directory.GetDirectories($"{root}/queues", "rx-*").Length;
        return new TestRunDevice(
            uint.Parse(File.ReadAllText($"{root}/ifindex").Trim(), CultureInfo.InvariantCulture),
            ParseMac(File.ReadAllText($"{root}/address")),
            ParseMac(File.ReadAllText($"{root}/broadcast")),
            queues);
    }

    private static byte[] ParseMac(string text) =>
        text.Trim().Split(':').Select(part => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
}
