using System.Buffers.Binary;

namespace BpfLinq;

// Helpers that change the packet: bpf_skb_store_bytes and the incremental checksum updates. Values
// are in network order, as Packet.U16/U32 read them. A program that writes its packet reads it with
// LoadBytes, not ctx.Packet (whose reads the compiler treats as unchanging), which is a compile error.
public static partial class Bpf
{
    private const long Fault = -14; // -EFAULT: bytes outside the packet

    /// <summary>
    /// Writes the low <paramref name="length"/> bytes of <paramref name="value"/>, most significant
    /// first (network order), at <paramref name="offset"/> (<c>bpf_skb_store_bytes</c>; tc, with
    /// offset 0 as <see cref="SkBuff.Packet"/> documents).
    /// </summary>
    /// <param name="skb">The program's context.</param>
    /// <param name="offset">The first byte.</param>
    /// <param name="value">The value.</param>
    /// <param name="length">A constant: 1, 2, 4 or 8.</param>
    /// <param name="flags">A constant: 0, or BPF_F_RECOMPUTE_CSUM (1) / BPF_F_INVALIDATE_HASH (2).</param>
    /// <returns>0, or -EFAULT when a byte lies outside the packet (nothing is written).</returns>
    public static long StoreBytes(this SkBuff skb, int offset, ulong value, int length, long flags = 0)
    {
        ArgumentNullException.ThrowIfNull(skb);
        if (!skb.Packet.TryWritable(offset, length, out var bytes))
        {
            return Fault;
        }
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(value >> (8 * (length - 1 - i)));
        }
        return 0;
    }

    /// <summary>
    /// Updates the IP header checksum at <paramref name="offset"/> for a field that changed from
    /// <paramref name="from"/> to <paramref name="to"/> (<c>bpf_l3_csum_replace</c>, RFC 1624), values
    /// in network order of <paramref name="size"/> bytes.
    /// </summary>
    /// <param name="skb">The program's context.</param>
    /// <param name="offset">The checksum's offset.</param>
    /// <param name="from">The field's old value.</param>
    /// <param name="to">The field's new value.</param>
    /// <param name="size">A constant: 2 or 4.</param>
    /// <returns>0, or -EFAULT when the checksum lies outside the packet.</returns>
    public static long L3CsumReplace(this SkBuff skb, int offset, uint from, uint to, int size) =>
        ReplaceChecksum(skb, offset, from, to, size);

    /// <summary>
    /// The same for a TCP or UDP checksum (<c>bpf_l4_csum_replace</c>); <paramref name="pseudoHeader"/>
    /// (BPF_F_PSEUDO_HDR) marks a field of the pseudo header, such as an IP address.
    /// </summary>
    /// <param name="skb">The program's context.</param>
    /// <param name="offset">The checksum's offset.</param>
    /// <param name="from">The field's old value.</param>
    /// <param name="to">The field's new value.</param>
    /// <param name="size">A constant: 2 or 4.</param>
    /// <param name="pseudoHeader">A constant: true when the field is part of the pseudo header.</param>
    /// <returns>0, or -EFAULT when the checksum lies outside the packet.</returns>
    public static long L4CsumReplace(this SkBuff skb, int offset, uint from, uint to, int size, bool pseudoHeader = false) =>
        ReplaceChecksum(skb, offset, from, to, size);

    // RFC 1624: HC' = ~(~HC + ~m + m'), over 16-bit words in one's complement.
    private static long ReplaceChecksum(SkBuff skb, int offset, uint from, uint to, int size)
    {
        ArgumentNullException.ThrowIfNull(skb);
        if (!skb.Packet.TryWritable(offset, 2, out var bytes))
        {
            return Fault;
        }
        ulong sum = (ushort)~BinaryPrimitives.ReadUInt16BigEndian(bytes);
        for (var shift = size == 4 ? 16 : 0; shift >= 0; shift -= 16)
        {
            sum += (ushort)~(from >> shift) + (ulong)(ushort)(to >> shift);
        }
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)~sum);
        return 0;
    }
}
