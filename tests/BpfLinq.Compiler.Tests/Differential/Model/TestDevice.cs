using System.Globalization;

namespace BpfLinq.Compiler.Tests.Differential.Model;

/// <summary>
/// A network device a test run can put the packet on: the loopback device by default, or the one
/// whose index is in <c>ctx_in.ifindex</c> (skb kinds) or <c>ctx_in.ingress_ifindex</c> (XDP). The model
/// needs its index, its MAC address and broadcast address (which decide <c>pkt_type</c>) and how
/// many receive queues it has (which bounds XDP's <c>rx_queue_index</c>).
/// </summary>
internal sealed record TestDevice(uint Ifindex, byte[] Address, byte[] Broadcast, uint RxQueues)
{
    /// <summary>
    /// The loopback device of the test's network namespace: index 1, and — unlike Ethernet devices —
    /// all-zero address and all-zero broadcast address (<c>ip link show lo</c>: <c>link/loopback
    /// 00:00:00:00:00:00 brd 00:00:00:00:00:00</c>), one receive queue.
    /// </summary>
    public static TestDevice Loopback { get; } = new(1, new byte[6], new byte[6], 1);

    /// <summary>Reads a device's index, addresses and receive queue count from <c>/sys/class/net</c>.</summary>
    public static TestDevice FromSysfs(string name)
    {
        var root = $"/sys/class/net/{name}";
        var queues = (uint)Directory.GetDirectories($"{root}/queues", "rx-*").Length;
        return new TestDevice(
            uint.Parse(File.ReadAllText($"{root}/ifindex").Trim(), CultureInfo.InvariantCulture),
            ParseMac(File.ReadAllText($"{root}/address")),
            ParseMac(File.ReadAllText($"{root}/broadcast")),
            queues);
    }

    /// <summary><c>00:11:22:33:44:55</c> as six bytes.</summary>
    public static byte[] ParseMac(string text) =>
        text.Trim().Split(':').Select(part => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    /// <inheritdoc/>
    public override string ToString() => $"ifindex {Ifindex} ({FormatMac(Address)}, brd {FormatMac(Broadcast)}, {RxQueues} rx queues)";

    private static string FormatMac(byte[] mac) => string.Join(':', mac.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
