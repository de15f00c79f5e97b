namespace BpfLinq;

/// <summary>
/// A network device as <see cref="TestRunContext"/> needs to know it: a test run's <c>ctx_in</c> may
/// name a device by index (<c>ifindex</c> for skb kinds, <c>ingress_ifindex</c> for XDP), and the
/// kernel then takes its MAC and broadcast addresses (for <c>pkt_type</c>) and its receive queues
/// (for <c>rx_queue_index</c>) from it.
/// </summary>
/// <param name="Ifindex">The device's index.</param>
/// <param name="Address">Its 6-byte MAC address.</param>
/// <param name="Broadcast">Its 6-byte broadcast address.</param>
/// <param name="RxQueues">How many receive queues it has.</param>
public sealed record TestRunDevice(uint Ifindex, byte[] Address, byte[] Broadcast, uint RxQueues)
{
    /// <summary>The loopback device (index 1, all-zero addresses, one queue): where test runs happen by default.</summary>
    public static TestRunDevice Loopback { get; } = new(1, new byte[6], new byte[6], 1);

    /// <inheritdoc/>
    public override string ToString() => $"ifindex {Ifindex} ({Mac(Address)}, brd {Mac(Broadcast)}, {RxQueues} rx queues)";

    private static string Mac(byte[] mac) => string.Join(':', mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
