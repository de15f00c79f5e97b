namespace BpfLinq;

/// <summary>
/// An inclusive range of ports, <see cref="First"/> to <see cref="Last"/>, to capture in a lambda and
/// test a port read from the packet with: <c>range.Contains(tcp.DestinationPort)</c>. A range whose
/// <see cref="First"/> is above its <see cref="Last"/> contains no port.
/// </summary>
/// <param name="First">The lowest port in the range.</param>
/// <param name="Last">The highest port in the range (inclusive).</param>
public readonly record struct PortRange(ushort First, ushort Last)
{
    /// <summary>True when <paramref name="port"/> lies in <see cref="First"/>..<see cref="Last"/>, both included.</summary>
    /// <param name="port">The port (host order, as the header views read it).</param>
    public bool Contains(ushort port) => port >= First && port <= Last;
}
