using System.Diagnostics;
using System.Globalization;

namespace BpfLinq.Testing;

/// <summary>
/// A veth pair made with <c>ip link add</c> for attach tests, with unique names, brought up, and
/// deleted on Dispose (deleting one end deletes both). Needs CAP_NET_ADMIN and iproute2.
/// </summary>
public sealed class VethPair : IDisposable
{
    private static int s_counter;

    private VethPair(string name, string peerName)
    {
        Name = name;
        PeerName = peerName;
        Ifindex = int.Parse(File.ReadAllText($"/sys/class/net/{name}/ifindex").Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The first end's name.</summary>
    public string Name { get; }

    /// <summary>The second end's name.</summary>
    public string PeerName { get; }

    /// <summary>The first end's interface index.</summary>
    public int Ifindex { get; }

    /// <summary>Creates a pair named <c>bl{pid}x{n}a</c>/<c>...b</c> (under IFNAMSIZ) and sets both up.</summary>
    public static VethPair Create()
    {
        string ip = TestEnvironment.RequireTool("ip");
        int n = Interlocked.Increment(ref s_counter);
        string stem = $"bl{Environment.ProcessId % 100000}x{n}";
        Run(ip, $"link add {stem}a type veth peer name {stem}b");
        try
        {
            Run(ip, $"link set {stem}a up");
            Run(ip, $"link set {stem}b up");
            return new VethPair(stem + "a", stem + "b");
        }
        catch
        {
            Run(ip, $"link del {stem}a");
            throw;
        }
    }

    /// <summary>Runs <c>ip</c> with arguments and returns its standard output.</summary>
    public static string Ip(string arguments) => Run(TestEnvironment.RequireTool("ip"), arguments);

    /// <summary>Deletes the pair.</summary>
    public void Dispose() => Ip($"link del {Name}");

    private static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"could not start {tool}");
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} exited with {process.ExitCode}: {error}");
        }
        return output;
    }
}
