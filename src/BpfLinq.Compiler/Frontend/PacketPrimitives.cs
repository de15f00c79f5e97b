using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The calls packet views are desugared into (<c>DesugarPackets</c>) before
/// lowering: raw reads in memory order at an anchor, byte swaps, VLAN tag counting and the XDP
/// packet length. Each lowers to one IR operation; none runs in .NET (managed evaluation runs the
/// public packet types themselves, before any desugaring).
/// </summary>
internal static class PacketPrimitives
{
    /// <summary><c>pkt.load</c> of 1, 2 or 4 bytes at anchor + offset + displacement, memory order, 0 when outside.</summary>
    public static uint Read(PacketAnchor anchor, int offset, int displacement, int size) => throw NotManaged();

    /// <summary><c>pkt.load</c> of 8 bytes.</summary>
    public static ulong Read64(PacketAnchor anchor, int offset, int displacement) => throw NotManaged();

    /// <summary><c>pkt.has</c>: all <paramref name="size"/> bytes at anchor + offset + displacement are in the packet.</summary>
    public static bool Has(PacketAnchor anchor, int offset, int displacement, int size) => throw NotManaged();

    /// <summary>Reverses the low 16 bits (network to host order).</summary>
    public static uint Swap16(uint value) => throw NotManaged();

    /// <summary>Reverses 32 bits.</summary>
    public static uint Swap32(uint value) => throw NotManaged();

    /// <summary>Reverses 64 bits.</summary>
    public static ulong Swap64(ulong value) => throw NotManaged();

    /// <summary>The VLAN tags (at most <paramref name="maxTags"/>) after the Ethernet header at anchor + offset.</summary>
    public static int VlanTags(PacketAnchor anchor, int offset, int maxTags) => throw NotManaged();

    /// <summary>The XDP packet's length (<c>data_end - data</c>).</summary>
    public static int XdpLength() => throw NotManaged();

    private static InvalidOperationException NotManaged() =>
        new("packet primitives exist only between desugaring and lowering; evaluate the filter's own lambda instead");
}
