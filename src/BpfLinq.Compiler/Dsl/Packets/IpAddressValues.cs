using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace BpfLinq;

/// <summary>
/// Captured <see cref="IPAddress"/> and <see cref="IPNetwork"/> values as the integers the header views
/// compare with (big-endian: 10.0.0.1 is 0x0A000001), with the family checked.
/// </summary>
internal static class IpAddressValues
{
    /// <summary>An IPv4 address as a u32.</summary>
    /// <exception cref="ArgumentException">The address is not IPv4.</exception>
    public static uint V4(IPAddress address, string parameter)
    {
        Require(address, AddressFamily.InterNetwork, parameter);
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>An IPv6 address as a u128 (the scope id plays no part).</summary>
    /// <exception cref="ArgumentException">The address is not IPv6.</exception>
    public static UInt128 V6(IPAddress address, string parameter)
    {
        Require(address, AddressFamily.InterNetworkV6, parameter);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>True when the first <c>PrefixLength</c> bits of <paramref name="value"/> are the IPv4 network's.</summary>
    /// <exception cref="ArgumentException">The network is not IPv4.</exception>
    public static bool Contains(IPNetwork network, uint value, string parameter)
    {
        var prefix = V4(network.BaseAddress, parameter);
        var mask = network.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - network.PrefixLength);
        return (value & mask) == (prefix & mask);
    }

    /// <summary>True when the first <c>PrefixLength</c> bits of <paramref name="value"/> are the IPv6 network's.</summary>
    /// <exception cref="ArgumentException">The network is not IPv6.</exception>
    public static bool Contains(IPNetwork network, UInt128 value, string parameter)
    {
        var prefix = V6(network.BaseAddress, parameter);
        var mask = network.PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - network.PrefixLength);
        return (value & mask) == (prefix & mask);
    }

    private static void Require(IPAddress address, AddressFamily family, string parameter)
    {
        ArgumentNullException.ThrowIfNull(address, parameter);
        if (address.AddressFamily != family)
        {
            var want = family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
            throw new ArgumentException($"{address} is not an {want} address; an {want} header compares with {want} addresses only", parameter);
        }
    }
}
