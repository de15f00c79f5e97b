using System.Buffers.Binary;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// The packet an <see cref="IrInterpreter"/> run reads with <see cref="Op.PacketLoad"/> and
/// <see cref="Op.VlanSkip"/>: the frame and where each <see cref="PacketAnchor"/> sits in it (-1 when
/// the packet has no such header). The same rules as the managed <c>Packet</c>: a read with any
/// byte outside [anchor, end of frame) is 0.
/// </summary>
/// <param name="Frame">The bytes.</param>
/// <param name="Data">Index of offset 0.</param>
/// <param name="Link">Index of the Ethernet header, or -1.</param>
/// <param name="Network">Index of the network header, or -1.</param>
internal sealed record IrPacket(byte[] Frame, int Data, int Link, int Network)
{
    /// <summary>The bytes at anchor + <paramref name="position"/> in memory order, zero-extended; 0 when any lies outside.</summary>
    public long Read(PacketAnchor anchor, long position, int size)
    {
        var start = Start(anchor);
        if (start < 0 || position < 0 || start + position + size > Frame.Length)
        {
            return 0;
        }
        var bytes = Frame.AsSpan((int)(start + position), size);
        return size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
    }

    /// <summary>True when byte anchor + <paramref name="position"/> is in the packet.</summary>
    public bool Contains(PacketAnchor anchor, long position)
    {
        var start = Start(anchor);
        return start >= 0 && position >= 0 && start + position < Frame.Length;
    }

    private int Start(PacketAnchor anchor) => anchor switch
    {
        PacketAnchor.Data => Data,
        PacketAnchor.Link => Link,
        _ => Network,
    };

    /// <summary>How many whole VLAN tags (at most <paramref name="maxTags"/>) follow the Ethernet header at anchor + <paramref name="position"/>.</summary>
    public long VlanTags(PacketAnchor anchor, long position, int maxTags)
    {
        var count = 0;
        while (count < maxTags)
        {
            // A tag counts when the header with it is whole: 18 + 4 count bytes.
            var type = BinaryPrimitives.ReverseEndianness((ushort)Read(anchor, position + 12 + 4 * count, 2));
            if (type is not (0x8100 or 0x88A8) || !Contains(anchor, position + 17 + 4 * count))
            {
                break;
            }
            count++;
        }
        return count;
    }
}
